import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { countObjects, GitConfigRepository, RepositoryMaintenance } from '../src/git/index.js';
import { tempDir } from '../src/testing/index.js';

test('maintenance packs the loose objects of many commits, and waits while a job runs', async () => {
  const dir = await tempDir('netraven-git-maint-');
  try {
    const git = await GitConfigRepository.open(`${dir.path}/configs.git`);
    // Enough separate commits to pass the loose-object threshold (lowered for the test).
    for (let i = 0; i < 60; i++) {
      await git.commitConfig({ path: git.deviceConfigPath(`device-${i}`), content: `hostname r${i}\n!\nend\n`, jobId: `job-${i}`, deviceName: `r${i}`, when: new Date() });
    }
    const before = await countObjects(`${dir.path}/configs.git`);
    assert.ok(before.loose >= 120, `loose objects before: ${before.loose}`);

    let busy = true;
    const maintenance = new RepositoryMaintenance({ repoPath: `${dir.path}/configs.git`, intervalMs: 60_000, isBusy: async () => busy, looseObjectThreshold: 100 });
    assert.equal(await maintenance.runOnce(), { ran: false, reason: 'busy' });
    assert.is((await countObjects(`${dir.path}/configs.git`)).loose, before.loose, 'nothing touched during a job');

    busy = false;
    const tidy = new RepositoryMaintenance({ repoPath: `${dir.path}/configs.git`, intervalMs: 60_000, isBusy: async () => false });
    assert.is((await tidy.runOnce()).ran, false, 'below the default threshold: nothing to do');
    const outcome = await maintenance.runOnce();
    assert.ok(outcome.ran);
    const after = await countObjects(`${dir.path}/configs.git`);
    assert.ok(after.packs >= 1, 'packed');
    assert.ok(after.loose < before.loose / 4, `loose after: ${after.loose}`);
    // The repository still answers from its packs.
    const head = await git.headConfig(git.deviceConfigPath('device-7'));
    assert.is(head?.content, 'hostname r7\n!\nend\n');
  } finally {
    await dir.remove();
  }
});

test.run();
