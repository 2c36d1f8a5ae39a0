import { describe, expect, it } from 'vitest'
import { validateEmail } from './email.js'

// lakeFS's own cases (pkg/api/email_validator_test.go Test_validateEmail).
const CASES: [string, string, string | undefined][] = [
  ['empty', '', 'email is required'],
  ['no at sign', 'notanemail', 'invalid email address'],
  ['single label domain', 'user@cromulent', 'invalid email address'],
  ['made-up TLD', 'user@there.is.no.such-tld', 'invalid email address'],
  ['disposable domain', 'user@mailinator.com', 'invalid email address'],
  ['free email', 'user@gmail.com', 'please use a business email address'],
  ['dotcom', 'user@acme.com', undefined],
  ['multi-label TLD', 'user@company.co.uk', undefined],
  ['dev TLD', 'user@golang.dev', undefined],
  ['museum TLD', 'user@gophers.in.space.museum', undefined],
  ['private managed domain', 'user@foo.dyndns.org', undefined],
  ['plus addressing', 'user+tag@acme.co', undefined],
  ['uppercase domain', 'USER@ACME.CO', undefined],
  ['display name rejected', 'Alice <alice@example.com>', 'invalid email address'],
]

describe('validateEmail', () => {
  it.each(CASES)('%s: %s', (_, email, message) => {
    if (message === undefined) expect(() => validateEmail(email)).not.toThrow()
    else expect(() => validateEmail(email)).toThrow(message)
  })
})
