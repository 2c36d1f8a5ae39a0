import { describe, expect, it } from 'vitest'
import { AuthService } from './auth-service.js'

const T0 = Date.parse('2024-01-15T10:00:00Z')

describe('AuthService', () => {
  it('creates one key pair for a user that has none, in lakeFS key shapes, the same for the same seed', () => {
    const made = () => {
      const auth = new AuthService([], 'seed-1')
      auth.createUser('admin', T0)
      return auth.createCredentials('admin', T0 + 1000)
    }
    const first = made()
    expect(first.accessKeyId).toMatch(/^AKIAJ[A-Z2-7]{14}Q$/)
    expect(Buffer.from(first.secretAccessKey, 'base64').length).toBe(30)
    expect(made()).toEqual(first)
    const auth = new AuthService([], 'seed-1')
    auth.createUser('admin', T0)
    const credential = auth.createCredentials('admin', T0)
    expect(auth.authenticate(credential.accessKeyId, credential.secretAccessKey)).toBe('admin')
    expect(auth.secretOf(credential.accessKeyId)).toBe(credential.secretAccessKey)
    expect(() => auth.createCredentials('admin', T0)).toThrow('exceeded number of allowed credentials: invalid request')
  })

  it('keeps users and keys across save and restore, and counts on from the keys issued', () => {
    const auth = new AuthService([], 'seed-2')
    auth.createUser('admin', T0)
    auth.createCredentials('admin', T0)
    const saved = JSON.parse(JSON.stringify(auth.save()))
    const again = new AuthService([], 'seed-2')
    again.restore(saved)
    expect(again.save()).toEqual(auth.save())
    expect(again.initialized).toBe(false)
    again.deleteUser('admin')
    again.createUser('admin', T0)
    auth.deleteUser('admin')
    auth.createUser('admin', T0)
    expect(again.createCredentials('admin', T0)).toEqual(auth.createCredentials('admin', T0))
  })

  it('refuses a second user and forgets a deleted user and their keys and tokens', () => {
    const auth = new AuthService([{ user: 'admin', accessKeyId: 'AKIA1', secretAccessKey: 's', creationDate: T0 }], 'seed')
    expect(() => auth.createUser('bob', T0)).toThrow('Already exists')
    const { token } = auth.login('AKIA1', 's', T0)
    expect(auth.verifyToken(token, T0)).toBe('admin')
    auth.deleteUser('admin')
    expect(auth.authenticate('AKIA1', 's')).toBeUndefined()
    expect(auth.verifyToken(token, T0)).toBeUndefined()
    expect(auth.initialized).toBe(true)
  })
})
