package app.alex.core.llm;

import java.util.Map;

/** A tool offered to the model; {@code parameters} is a JSON Schema object (as plain maps and lists). */
public record ToolSpec(String name, String description, Map<String, Object> parameters) {
    public ToolSpec {
        parameters = Map.copyOf(parameters);
    }
}
