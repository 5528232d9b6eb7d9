/**
 * Loaded into every service process the cluster harness starts (`node --import tsx --import <this>`):
 * the process ends itself (SIGKILL, as a crash would) once the test process that started it is gone.
 * The harness kills its children on afterAll and on exit, but a test runner that is itself killed
 * with SIGKILL runs no handler; this guard is what keeps such a run from leaving services behind.
 * It changes nothing else in the service: one unref'd timer, never keeping the process alive.
 */
const parent = Number(process.env.CLUSTER_PARENT_PID)
if (Number.isSafeInteger(parent) && parent > 0) {
  // A child whose parent died is re-parented (to init or a subreaper): its ppid changes.
  setInterval(() => {
    if (process.ppid !== parent) process.kill(process.pid, 'SIGKILL')
  }, 1000).unref()
}
