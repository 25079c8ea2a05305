// Giving the event loop a turn between pieces of work: under Node.js the worker threads' messages and a progress
// bar get through (setImmediate); in a browser the page repaints and answers the member's clicks (a task).
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof setImmediate === 'function') setImmediate(resolve);
    else setTimeout(resolve, 0);
  });
}
