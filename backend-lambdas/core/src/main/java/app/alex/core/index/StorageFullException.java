package app.alex.core.index;

import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;

/**
 * The disk holding the index is full: nothing more can be stored until space is freed. What was
 * stored before stays intact (the last commit is untouched), so a batch stops and reports rather
 * than failing every remaining file the same way.
 */
public final class StorageFullException extends AlexException {
    public StorageFullException(String folder, Throwable cause) {
        super(ErrorCode.INSUFFICIENT_STORAGE, "disk full: no space left on the device holding " + folder
                + ". What was stored before is intact; free some space and ingest again.", cause);
    }

    /** True when {@code error} or one of its causes is the operating system's "no space left on device". */
    public static boolean isDiskFull(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (t instanceof java.io.IOException && message != null
                    && (message.contains("No space left on device") || message.contains("ENOSPC")
                    || message.contains("There is not enough space on the disk"))) {
                return true;
            }
        }
        return false;
    }
}
