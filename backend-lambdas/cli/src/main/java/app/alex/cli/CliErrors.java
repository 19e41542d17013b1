package app.alex.cli;

import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import picocli.CommandLine;

/**
 * Turns failures into one readable line on stderr and a documented exit code; a stack trace only
 * with ALEX_DEBUG=1.
 */
public final class CliErrors implements CommandLine.IExecutionExceptionHandler {
    /** Exit codes: 0 ok, 1 failed (or some files failed), 2 usage, 3 data folder in use, 4 not found. */
    public static final int FAILED = 1;
    public static final int IN_USE = 3;
    public static final int NOT_FOUND = 4;

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        var err = commandLine.getErr();
        if (e instanceof AlexException alex) {
            err.println("alex: " + Printable.line(alex.getMessage()));
        } else {
            err.println("alex: unexpected error: " + Printable.line(e.toString()) + " (run with ALEX_DEBUG=1 for details)");
        }
        if ("1".equals(System.getenv("ALEX_DEBUG"))) {
            e.printStackTrace(err);
        }
        err.flush();
        return exitCode(e);
    }

    public static int exitCode(Throwable e) {
        if (e instanceof AlexException alex) {
            if (alex.code() == ErrorCode.IN_USE) {
                return IN_USE;
            }
            if (alex.code() == ErrorCode.NOT_FOUND) {
                return NOT_FOUND;
            }
            if (alex.code() == ErrorCode.BAD_REQUEST) {
                return CommandLine.ExitCode.USAGE;
            }
        }
        return FAILED;
    }
}
