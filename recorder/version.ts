/** The recorder's version, written to meta.recorder.version. */
export const RECORDER_VERSION = "0.1.0";
