/**
 * The seeded generator draws exactly what @faker-js/faker's `number.int` drew with the same seed (the
 * emulator used faker for it until loading faker at start was found to cost a third of a second), so
 * every import ID, upload address and fault-rule draw stays what it was.
 */
import { Faker, en } from '@faker-js/faker'
import fc from 'fast-check'
import { expect, it } from 'vitest'
import { SeededRandom, XidGenerator } from '../../src/emulator/random.js'

it('draws what faker drew, seed for seed and draw for draw (past a state twist)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.array(fc.integer({ min: 1, max: 2 ** 32 }), { minLength: 1, maxLength: 40 }), (seed, maxima) => {
      const faker = new Faker({ locale: [en], seed })
      const ours = new SeededRandom(seed)
      for (let round = 0; round < 20; round++) for (const max of maxima) expect(ours.int(max)).toBe(faker.number.int({ min: 0, max: max - 1 }))
    }),
    { seed: 42, numRuns: 60 }
  )
})

it('gives the xids the emulator gave before (daily-drop: its staged upload takes the first two, its first import the third)', () => {
  const xids = new XidGenerator(new SeededRandom(42))
  expect([0, 1, 2].map((i) => xids.next(Date.parse('2024-01-15T10:00:00Z') + i))).toEqual(['cmig482vuetpig97u3b0', 'cmig482vuetpig97u3bg', 'cmig482vuetpig97u3c0'])
})
