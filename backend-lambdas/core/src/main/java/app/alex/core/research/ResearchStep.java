package app.alex.core.research;

/** A live step of a running research: what the agent is doing now, for progress displays. */
public record ResearchStep(Kind kind, String message) {
    public enum Kind { PLANNING, SEARCHING, READING, FETCHING, WRITING, SAVING, DONE, FAILED }
}
