package app.alex.core.index;

import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;

/** Another process holds the knowledge base folder. */
public final class IndexInUseException extends AlexException {
    public IndexInUseException(String folder, Throwable cause) {
        super(ErrorCode.IN_USE, "The knowledge base at " + folder + " is in use by another process "
                + "(another alex command, server or the desktop app). Close it, or choose another folder with --data-dir.",
                cause);
    }
}
