/**
 * The Lua side of the hook runtime: a JSON codec (values cross the JS boundary as JSON text), and
 * the modules of lakeFS's Lua library that gates use (pkg/actions/lua): `lakefs`, `encoding/json`,
 * `encoding/yaml`, `strings`, `path`, `regexp`, `time`. A module lakeFS has and the emulator does not is an error
 * that names it.
 */
export const PRELUDE = String.raw`
local json = {}
local escapes = { ['"'] = '\\"', ['\\'] = '\\\\', ['\b'] = '\\b', ['\f'] = '\\f', ['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t' }
local function is_array(t)
  local n = 0
  for k in pairs(t) do
    if type(k) ~= 'number' or k <= 0 or math.floor(k) ~= k then return false end
    n = n + 1
  end
  return n == #t
end
function json.marshal(v)
  local t = type(v)
  if v == nil then return 'null'
  elseif t == 'boolean' then return tostring(v)
  elseif t == 'number' then
    if math.type(v) == 'integer' or v == math.floor(v) and v > -2^53 and v < 2^53 then return string.format('%d', v) end
    return string.format('%.17g', v)
  elseif t == 'string' then
    return '"' .. v:gsub('[%c"\\]', function(c) return escapes[c] or string.format('\\u%04x', c:byte()) end) .. '"'
  elseif t == 'table' then
    local out = {}
    if next(v) ~= nil and is_array(v) then
      for _, x in ipairs(v) do out[#out + 1] = json.marshal(x) end
      return '[' .. table.concat(out, ',') .. ']'
    end
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = tostring(k) end
    table.sort(keys)
    for _, k in ipairs(keys) do out[#out + 1] = json.marshal(k) .. ':' .. json.marshal(v[k]) end
    return '{' .. table.concat(out, ',') .. '}'
  end
  error('json: cannot marshal a ' .. t)
end
local function decode_error(s, i, what) error(string.format('json: %s at character %d', what, i), 0) end
local function skip(s, i) return s:find('[^ \t\r\n]', i) or #s + 1 end
local decode_value
local function decode_string(s, i)
  local out, j = {}, i + 1
  while true do
    local c = s:sub(j, j)
    if c == '' then decode_error(s, j, 'unterminated string') end
    if c == '"' then return table.concat(out), j + 1 end
    if c == '\\' then
      local e = s:sub(j + 1, j + 1)
      local map = { b = '\b', f = '\f', n = '\n', r = '\r', t = '\t', ['"'] = '"', ['\\'] = '\\', ['/'] = '/' }
      if e == 'u' then
        local cp = tonumber(s:sub(j + 2, j + 5), 16)
        if not cp then decode_error(s, j, 'bad unicode escape') end
        j = j + 6
        if cp >= 0xD800 and cp <= 0xDBFF and s:sub(j, j + 1) == '\\u' then
          local lo = tonumber(s:sub(j + 2, j + 5), 16)
          cp = 0x10000 + (cp - 0xD800) * 0x400 + (lo - 0xDC00)
          j = j + 6
        end
        out[#out + 1] = utf8.char(cp)
      elseif map[e] then out[#out + 1] = map[e]; j = j + 2
      else decode_error(s, j, 'bad escape') end
    else
      local k = s:find('["\\]', j) or #s + 1
      out[#out + 1] = s:sub(j, k - 1)
      j = k
    end
  end
end
function decode_value(s, i)
  i = skip(s, i)
  local c = s:sub(i, i)
  if c == '{' then
    local t, j = {}, skip(s, i + 1)
    if s:sub(j, j) == '}' then return t, j + 1 end
    while true do
      if s:sub(j, j) ~= '"' then decode_error(s, j, 'expected a key') end
      local k; k, j = decode_string(s, j)
      j = skip(s, j)
      if s:sub(j, j) ~= ':' then decode_error(s, j, "expected ':'") end
      t[k], j = decode_value(s, j + 1)
      j = skip(s, j)
      local d = s:sub(j, j)
      if d == '}' then return t, j + 1 end
      if d ~= ',' then decode_error(s, j, "expected ',' or '}'") end
      j = skip(s, j + 1)
    end
  elseif c == '[' then
    local t, j = {}, skip(s, i + 1)
    if s:sub(j, j) == ']' then return t, j + 1 end
    while true do
      t[#t + 1], j = decode_value(s, j)
      j = skip(s, j)
      local d = s:sub(j, j)
      if d == ']' then return t, j + 1 end
      if d ~= ',' then decode_error(s, j, "expected ',' or ']'") end
      j = j + 1
    end
  elseif c == '"' then return decode_string(s, i)
  elseif s:sub(i, i + 3) == 'true' then return true, i + 4
  elseif s:sub(i, i + 4) == 'false' then return false, i + 5
  elseif s:sub(i, i + 3) == 'null' then return nil, i + 4
  end
  local num = s:match('^-?%d+%.?%d*[eE]?[-+]?%d*', i)
  if not num or num == '' then decode_error(s, i, 'unexpected character') end
  return math.tointeger(tonumber(num)) or tonumber(num), i + #num
end
function json.unmarshal(s)
  local v, i = decode_value(s, 1)
  if skip(s, i) <= #s then decode_error(s, i, 'trailing data') end
  return v
end

local function module(name, t) package.preload[name] = function() return t end end
module('encoding/json', json)
__json = json

local yaml = {}
function yaml.unmarshal(text) return json.unmarshal(__yaml_to_json(text)) end
function yaml.marshal(value) return __json_to_yaml(json.marshal(value)) end
module('encoding/yaml', yaml)

local function call(method, path, query, body)
  local r = json.unmarshal(__lakefs(method, path, json.marshal(query or {}), body and json.marshal(body) or ''):await())
  return r.status, r.body
end
local function esc(s) return (tostring(s):gsub('[^%w%-%._~]', function(c) return string.format('%%%02X', c:byte()) end)) end
local lakefs = {}
function lakefs.stat_object(repo, ref, path) return call('GET', '/repositories/' .. esc(repo) .. '/refs/' .. esc(ref) .. '/objects/stat', { path = path }) end
function lakefs.get_object(repo, ref, path) return call('GET', '/repositories/' .. esc(repo) .. '/refs/' .. esc(ref) .. '/objects', { path = path }) end
function lakefs.list_objects(repo, ref, after, prefix, delimiter, amount)
  return call('GET', '/repositories/' .. esc(repo) .. '/refs/' .. esc(ref) .. '/objects/ls', { after = after, prefix = prefix, delimiter = delimiter, amount = amount })
end
function lakefs.diff_refs(repo, left, right, after, prefix, delimiter, amount)
  return call('GET', '/repositories/' .. esc(repo) .. '/refs/' .. esc(left) .. '/diff/' .. esc(right), { after = after, prefix = prefix, delimiter = delimiter, amount = amount })
end
function lakefs.diff_branch(repo, branch, after, amount, prefix, delimiter)
  return call('GET', '/repositories/' .. esc(repo) .. '/branches/' .. esc(branch) .. '/diff', { after = after, prefix = prefix, delimiter = delimiter, amount = amount })
end
function lakefs.create_tag(repo, commit_id, tag_id)
  return call('POST', '/repositories/' .. esc(repo) .. '/tags', nil, { id = tag_id, ref = commit_id })
end
module('lakefs', lakefs)

local strings = {}
function strings.split(s, sep)
  local out, from = {}, 1
  if sep == '' then for c in s:gmatch('.') do out[#out + 1] = c end return out end
  while true do
    local i, j = s:find(sep, from, true)
    if not i then out[#out + 1] = s:sub(from) return out end
    out[#out + 1] = s:sub(from, i - 1)
    from = j + 1
  end
end
function strings.trim(s, cutset) return __strings_trim(s, cutset) end
function strings.trim_space(s) return (s:gsub('^%s+', ''):gsub('%s+$', '')) end
function strings.has_prefix(s, p) return s:sub(1, #p) == p end
function strings.has_suffix(s, p) return p == '' or s:sub(-#p) == p end
function strings.contains(s, sub) return s:find(sub, 1, true) ~= nil end
function strings.replace(s, old, new, n) return __strings_replace(s, old, new, n or -1) end
function strings.join(list, sep) return table.concat(list, sep) end
module('strings', strings)

local path = {}
function path.join(sep, ...) local parts = { ... } return __path_join(sep, json.marshal(parts)) end
function path.parse(p) return json.unmarshal(__path_parse(p)) end
function path.is_hidden(p, sep, prefix) return __path_is_hidden(p, sep or '/', prefix or '_') end
module('path', path)

local regexp = {}
function regexp.match(pattern, s) return __regexp_match(pattern, s) end
function regexp.quote_meta(s) return __regexp_quote(s) end
module('regexp', regexp)

local time = {}
function time.now() return __time_now() end
function time.unix_milli() return math.floor(__time_now() * 1000) end
module('time', time)

local provided = { lakefs = true, ['encoding/json'] = true, ['encoding/yaml'] = true, strings = true, path = true, regexp = true, time = true }
local lakefs_has = { ['encoding/base64'] = 1, ['encoding/hex'] = 1, ['encoding/parquet'] = 1, ['crypto/aes'] = 1, ['crypto/hmac'] = 1,
  ['crypto/sha256'] = 1, ['crypto/md5'] = 1, ['net/http'] = 1, ['net/url'] = 1, uuid = 1, databricks = 1, ['aws'] = 1, ['azure'] = 1, ['gcloud'] = 1,
  ['lakefs/catalogexport/delta_exporter'] = 1, ['lakefs/catalogexport/glue_exporter'] = 1, ['lakefs/catalogexport/symlink_exporter'] = 1 }
local base_require = require
function require(name)
  if provided[name] or package.loaded[name] then return base_require(name) end
  if lakefs_has[name] then error("lakeFS's Lua module '" .. name .. "' is not provided by the emulator", 2) end
  return base_require(name)
end
`
