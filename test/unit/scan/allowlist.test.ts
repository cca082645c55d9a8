import { holdsWrittenWord, looksLikeGenericPlaceholder } from '../../../src/scan/allowlist.js';
import { isSecretName } from '../../../src/scan/rules/structural.js';

describe('what counts as a placeholder rather than a secret', () => {
  it.each(['example-token', 'FAKE_KEY_VALUE', 'ChangeMe', 'mySecretToken', 'your_api_key', 'replace-with-real-token', 'TODO', 'xxxxxxxx', '<token>'])(
    '%s, a word a person writes where the secret will go',
    (value) => expect(looksLikeGenericPlaceholder(value)).toBe(true),
  );

  // Random tokens hold such letters by chance in mixed case; treating them as
  // placeholders let one real key in a few hundred through.
  it.each(['GNqvPGRZQD8Nx0pfAKepQ7x1', 'EJaN1XvCc4ctoDOw', 'k2SaMPlEq9VZrT4mLp0w', 'q9fAke7ZrT4mLp0wXy'])(
    '%s, a random token that merely contains fAKe, toDO, SaMPlE or fAke',
    (value) => expect(looksLikeGenericPlaceholder(value)).toBe(false),
  );
});

describe('the placeholder checks on the hot path', () => {
  it('count distinct characters by code point: four emoji repeated are a stand-in, five are not', () => {
    expect(looksLikeGenericPlaceholder('\u{1F600}\u{1F601}\u{1F602}\u{1F923}'.repeat(3))).toBe(true);
    expect(looksLikeGenericPlaceholder('\u{1F600}\u{1F601}\u{1F602}\u{1F923}\u{1F924}'.repeat(3))).toBe(false);
  });

  it('leave the shared word regex ready for the next value, even after stopping at a first hit', () => {
    const words = /fake|todo/gi;
    expect(holdsWrittenWord('fake-value then todo', words)).toBe(true);
    expect(words.lastIndex).toBe(0);
    words.lastIndex = 5; // a caller that left it dirty does not hide a word at the start
    expect(holdsWrittenWord('todo', words)).toBe(true);
    expect(holdsWrittenWord('q9fAke7ZrT4', words)).toBe(false);
  });
});

describe('what the generic rule accepts as a secret-looking name', () => {
  it.each(['DB_PASSWORD', 'dbPassword', 'Api-Key', 'smtp_pass', 'client.secret', 'X-Auth-Token'])('%s', (name) => expect(isSecretName(name)).toBe(true));

  it.each(['q1/8Iz8UOnYMXdvpWdd3'.split('/')[1], 'AKpAsSxq', 'token_url', 'public_key'])('not %s', (name) => expect(isSecretName(name)).toBe(false));
});
