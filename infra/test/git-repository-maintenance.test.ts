import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { countObjects, GitConfigRepository, RepositoryMaintenance } from '../src/git/index.js';
import { tempDir } from '../src/testing/index.js';

test('maintenance folds the packs of many wave commits into one, and waits while a job runs', async () => {
  const dir = await tempDir('netraven-git-maint-');
  try {
    const git = await GitConfigRepository.open(`${dir.path}/configs.git`);
    // Each wave commit is a pack of its own: enough of them to pass the pack threshold (Git's own 50).
    for (let i = 0; i < 60; i++) {
      await git.commitConfig({ path: git.deviceConfigPath(`device-${i}`), content: `hostname r${i}\n!\nend\n`, jobId: `job-${i}`, deviceName: `r${i}`, when: new Date() });
    }
    const before = await countObjects(`${dir.path}/configs.git`);
    assert.ok(before.packs >= 60, `packs before: ${before.packs}`);

    let busy = true;
    const maintenance = new RepositoryMaintenance({ repoPath: `${dir.path}/configs.git`, intervalMs: 60_000, isBusy: async () => busy });
    assert.equal(await maintenance.runOnce(), { ran: false, reason: 'busy' });
    assert.equal(await countObjects(`${dir.path}/configs.git`), before, 'nothing touched during a job');

    busy = false;
    const tidy = new RepositoryMaintenance({ repoPath: `${dir.path}/configs.git`, intervalMs: 60_000, isBusy: async () => false, packThreshold: 100 });
    assert.is((await tidy.runOnce()).ran, false, 'below the threshold: nothing to do');
    const outcome = await maintenance.runOnce();
    assert.ok(outcome.ran);
    const after = await countObjects(`${dir.path}/configs.git`);
    assert.equal({ packs: after.packs, loose: after.loose }, { packs: 1, loose: 0 }, 'one pack');
    // The repository still answers from its packs.
    const head = await git.headConfig(git.deviceConfigPath('device-7'));
    assert.is(head?.content, 'hostname r7\n!\nend\n');
  } finally {
    await dir.remove();
  }
});

test.run();
