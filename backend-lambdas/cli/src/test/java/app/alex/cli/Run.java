package app.alex.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the command line: its exit code and what it printed on each stream. */
record Run(int exitCode, String out, String err) {

    static Run of(String... args) {
        return withEnv(System.getenv(), args);
    }

    /** A run that sees these environment variables instead of the process's. */
    static Run withEnv(java.util.Map<String, String> env, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var commandLine = AlexCommand.newCommandLine(env);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
