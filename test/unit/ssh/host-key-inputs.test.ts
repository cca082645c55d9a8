import { isEncryptedPrivateKey, knownHostsProblem } from '../../../src/ssh/host-keys.js';
import { Inputs, mapInputSource } from '../../../src/core/config/inputs.js';
import { parseSshInputs } from '../../../src/ssh/inputs.js';

const KNOWN = '[127.0.0.1]:2201 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOIuQCVwsEhlJE5D3ADGhb9Du8+JrJSk6atw/YHXV9Uu';
const string = (text: string) => { const b = Buffer.alloc(4 + text.length); b.writeUInt32BE(text.length); b.write(text, 4, 'latin1'); return b; };
const opensshKey = (cipher: string) => `-----BEGIN OPENSSH PRIVATE KEY-----\n${Buffer.concat([Buffer.from('openssh-key-v1\0', 'latin1'), string(cipher), string(cipher === 'none' ? 'none' : 'bcrypt')]).toString('base64')}\n-----END OPENSSH PRIVATE KEY-----\n`;

describe('known-hosts is checked before connecting', () => {
  it('accepts ssh-keyscan lines, comments and markers', () => {
    expect(knownHostsProblem(`# scanned\n${KNOWN}\n@cert-authority *.example ${KNOWN.split(' ').slice(1).join(' ')}\n`)).toBeUndefined();
  });

  it.each([
    ['[h]:22 ssh-ed25519', 'is not `host type key` (three fields)'],
    ['h ssh-foo AAAA', "has an unknown key type (found 'ssh-foo')"],
    ['h ssh-ed25519 not*base64', 'has a key that is not base64'],
    [`h ssh-rsa ${KNOWN.split(' ')[2]}`, 'has a key whose content does not match its type ssh-rsa'],
  ])('names the line of %j', (line, problem) => {
    expect(knownHostsProblem(`${KNOWN}\n${line}`)).toEqual({ line: 2, problem });
  });
});

describe('an encrypted private key', () => {
  it('is recognised in OpenSSH and PEM form', () => {
    expect(isEncryptedPrivateKey(opensshKey('aes256-ctr'))).toBe(true);
    expect(isEncryptedPrivateKey(opensshKey('none'))).toBe(false);
    expect(isEncryptedPrivateKey('-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n-----END RSA PRIVATE KEY-----')).toBe(true);
  });

  it('without a passphrase is refused naming passphrase, not blamed on authorized_keys later', () => {
    const parse = (values: Record<string, string>) => parseSshInputs(new Inputs(mapInputSource({ host: 'a', 'known-hosts': KNOWN, ...values })));
    expect(() => parse({ 'private-key': opensshKey('aes256-ctr') })).toThrow(/^input 'passphrase': is empty but private-key is encrypted/);
    expect(parse({ 'private-key': opensshKey('aes256-ctr'), passphrase: 'pass-phrase-1' }).targets).toHaveLength(1);
  });

  it('keeps ssh options out of host, user and jump-host', () => {
    const parse = (values: Record<string, string>) => parseSshInputs(new Inputs(mapInputSource({ host: 'a', 'known-hosts': KNOWN, 'private-key': opensshKey('none'), ...values })));
    expect(() => parse({ host: '-Fconfig' })).toThrow(/input 'host'/);
    expect(() => parse({ host: '-F@a' })).toThrow(/input 'host'/);
    expect(() => parse({ 'jump-host': '-Fx' })).toThrow(/input 'jump-host'/);
    expect(() => parse({ user: '-F' })).toThrow(/input 'user'/);
    expect(() => parse({ 'command-timeout': '0' })).toThrow(/input 'command-timeout': is 0/);
  });
});
