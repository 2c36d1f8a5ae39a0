"""pytest fixtures for lakefs-emulator (see the plugin module for the fixtures)."""
from .emulator import Emulator, EmulatorError, EmulatorTime, find_command

__all__ = ["Emulator", "EmulatorError", "EmulatorTime", "find_command"]
__version__ = "0.1.0"
