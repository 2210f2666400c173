// How the call sites in this folder report a call to the test: its answer, or the error the app
// catches with its message and fields (@slack/web-api's `code`, `data`; stytch's `error_type`, ...).

/** @param {Promise<unknown>} call */
export async function settle(call) {
  try {
    return { answer: await call };
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    return { error: { ...error, name: error.name, message: error.message } };
  }
}
