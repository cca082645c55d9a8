import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Inputs, mapInputSource } from '../../../src/core/config/inputs.js';
import { parseBuildSettings } from '../../../src/image/build-settings.js';
import { parsePushSettings } from '../../../src/image/push-flow.js';
import { imageReferences } from '../../../src/image/tags.js';

const context = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-h19-registries-'));
fs.writeFileSync(path.join(context, 'Dockerfile'), 'FROM scratch\n');
afterAll(() => fs.rmSync(context, { recursive: true, force: true }));
const build = (tags: string) => parseBuildSettings(new Inputs(mapInputSource({ image: 'git.medlab.host/communityrule/community-rule', context, tags })), context);
const push = (values: Record<string, string>) => parsePushSettings(new Inputs(mapInputSource(values)));

describe('build-image: one build named for every registry it goes to', () => {
  it('reads plain tags as tags and entries with a registry or repository as more names for the same build', () => {
    const settings = build('0.1.1\n127.0.0.1:5001/communityrule/community-rule\nbackup.example.com/cr/app:stable');
    expect(settings.extraTags).toEqual(['0.1.1']);
    expect(settings.extraReferences).toEqual([
      { repository: '127.0.0.1:5001/communityrule/community-rule', tag: undefined },
      { repository: 'backup.example.com/cr/app', tag: 'stable' },
    ]);
  });

  it('names the image with its own tags first, then a mirror with every tag and a full reference with its one tag', () => {
    expect(imageReferences('git.medlab.host/cr/app', ['sha-abc1234', '0.1.1'], [
      { repository: '127.0.0.1:5001/cr/app' }, { repository: 'backup.example.com/cr/app', tag: 'stable' }, { repository: 'git.medlab.host/cr/app', tag: '0.1.1' },
    ])).toEqual([
      'git.medlab.host/cr/app:sha-abc1234', 'git.medlab.host/cr/app:0.1.1',
      '127.0.0.1:5001/cr/app:sha-abc1234', '127.0.0.1:5001/cr/app:0.1.1', 'backup.example.com/cr/app:stable',
    ]);
  });

  it.each([
    ['127.0.0.1:5001/cr/app@sha256:' + 'a'.repeat(64), "input 'tags': names a digest"],
    ['127.0.0.1:5001/CR/app', "input 'tags': has an invalid reference '127.0.0.1:5001/CR/app'"],
    ['127.0.0.1:5001/cr/app:-bad', "input 'tags': has an invalid reference"],
    ['-v1', "input 'tags': has a tag a registry would refuse (found '-v1')"],
  ])('refuses %j before any build', (tags, message) => {
    expect(() => build(tags)).toThrow(message);
  });
});

describe('push-image: one step per registry, from the same tags', () => {
  const tags = ['127.0.0.1:5000/cr/app:1', '127.0.0.1:5000/cr/app:sha-1', '127.0.0.1:5001/cr/app:1', '127.0.0.1:5001/cr/app:sha-1'].join('\n');

  it('takes the tags of the registry it is given', () => {
    expect(push({ tags, registry: '127.0.0.1:5001' })).toMatchObject({ registry: '127.0.0.1:5001', repository: 'cr/app', tags: ['127.0.0.1:5001/cr/app:1', '127.0.0.1:5001/cr/app:sha-1'] });
    expect(push({ tags, registry: '127.0.0.1:5000', username: 'u', password: 'p' }).tags).toEqual(['127.0.0.1:5000/cr/app:1', '127.0.0.1:5000/cr/app:sha-1']);
  });

  it('refuses tags that span registries without a registry, and a registry none of them names', () => {
    expect(() => push({ tags })).toThrow("input 'tags': spans registries (127.0.0.1:5000, 127.0.0.1:5001). Set input 'registry' to the one this step pushes to");
    expect(() => push({ tags, registry: '127.0.0.1:5002' })).toThrow("input 'registry': is 127.0.0.1:5002 but the tags are for 127.0.0.1:5000, 127.0.0.1:5001");
  });

  it('still refuses two repositories on one registry', () => {
    expect(() => push({ tags: '127.0.0.1:5000/cr/app:1\n127.0.0.1:5000/cr/other:1' })).toThrow("input 'tags': mixes repositories");
  });

  it('reads expect-anonymous-pull: true as verify-anonymous-pull, false as a private registry, and refuses both at once', () => {
    expect(push({ tags: '127.0.0.1:5001/cr/app:1', 'expect-anonymous-pull': 'true' })).toMatchObject({ verifyAnonymousPull: true, refuseAnonymousPull: false });
    expect(push({ tags: '127.0.0.1:5001/cr/app:1', 'expect-anonymous-pull': 'false' })).toMatchObject({ verifyAnonymousPull: false, refuseAnonymousPull: true });
    expect(push({ tags: '127.0.0.1:5001/cr/app:1' })).toMatchObject({ verifyAnonymousPull: false, refuseAnonymousPull: false });
    expect(() => push({ tags: '127.0.0.1:5001/cr/app:1', 'expect-anonymous-pull': 'false', 'verify-anonymous-pull': 'true' }))
      .toThrow("input 'expect-anonymous-pull': is false while verify-anonymous-pull is true");
  });
});

describe('a registry is a host name or address, with a port in range', () => {
  it.each([
    ['-H.evil/hi/app:1', /registry '-H\.evil' is not a host name or address/],
    ['127.0.0.1:99999/hi/app:1', /registry '127\.0\.0\.1:99999' is not a host name or address with an optional port 1-65535/],
    ['127.0.0.1:0/hi/app:1', /port 1-65535/],
    ['127_0_0_1:5000/hi/app:1', /registry '127_0_0_1:5000'/],
    ['127.0.0.1:5000:5001/hi/app:1', /registry '127\.0\.0\.1:5000:5001'/],
    [`127.0.0.1:5000/hi/${'a'.repeat(300)}:1`, /the name is longer than 255 characters/],
  ])('push-image refuses tags %j', (tags, message) => {
    expect(() => push({ tags })).toThrow(message);
    expect(() => build(tags.replace(/:1$/, ''))).toThrow(message);
  });

  it('refuses credentials written into a reference without quoting them', () => {
    let message = '';
    try { push({ tags: 'ci:hunter2-token@127.0.0.1:5000/hi/app:1' }); } catch (error) { message = (error as Error).message; }
    expect(message).toMatch(/^input 'tags': holds user:password@ before the registry.*'username' and 'password'/s);
    expect(message).not.toContain('hunter2');
  });

  it('keeps taking the registries users name', () => {
    for (const tags of ['localhost:5000/app:1', '[::1]:5000/app:1', 'ghcr.io/acme/app:1.4.2', 'app:1', 'Registry.Example.com/acme/app:1', `ghcr.io/acme/app:1@sha256:${'a'.repeat(64)}`]) {
      expect(push({ tags }).tags).toEqual([tags]);
    }
  });
});
