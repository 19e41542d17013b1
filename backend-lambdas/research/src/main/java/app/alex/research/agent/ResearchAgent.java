package app.alex.research.agent;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.llm.ChatMessage;
import app.alex.core.llm.ChatRequest;
import app.alex.core.llm.ChatResponse;
import app.alex.core.llm.LanguageModel;
import app.alex.core.llm.ToolCall;
import app.alex.core.llm.ToolSpec;
import app.alex.core.research.ResearchStep;
import app.alex.core.search.SearchHit;
import app.alex.core.search.SearchRequest;
import app.alex.research.edgar.EdgarResearch;
import app.alex.research.edgar.FinancialsTool;
import app.alex.research.web.WebFetcher;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The research loop: the model plans, calls tools (knowledge-base search, web fetch), and saves a
 * report. Limits: a number of tool-using turns and a token budget; when either runs out the model
 * is told to write now with what it has. Unknown tools and malformed arguments are answered with
 * an error the model can correct, never a crash. Everything a tool returns is numbered in
 * {@link Sources} and quoted as untrusted data; the report may cite only those numbers.
 */
public final class ResearchAgent {
    public static final String SEARCH = "search_knowledge_base";
    public static final String FETCH = "fetch_web_page";
    public static final String SAVE = "save_research";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE_CHARS_FOR_MODEL = 12_000;

    public record Limits(int maxSteps, int tokenBudget, int maxOutputTokens, int passagesPerSearch) {
        public static Limits standard() {
            return new Limits(10, 80_000, 4096, 6);
        }
    }

    /** The report as the model wrote it, already checked against the run's sources. */
    public record Draft(String title, ReportAssembler.Assembled report, int steps, int tokens) {
    }

    private final LanguageModel model;
    private final KnowledgeBase knowledgeBase;
    private final WebFetcher web;
    private final Limits limits;
    private final Clock clock;
    private final java.util.Optional<EdgarResearch> edgar;

    public ResearchAgent(LanguageModel model, KnowledgeBase knowledgeBase, WebFetcher web, Limits limits, Clock clock) {
        this(model, knowledgeBase, web, limits, clock, java.util.Optional.empty());
    }

    /** @param edgar SEC EDGAR when configured: the agent then also has the {@value FinancialsTool#NAME} tool */
    public ResearchAgent(LanguageModel model, KnowledgeBase knowledgeBase, WebFetcher web, Limits limits, Clock clock,
                         java.util.Optional<EdgarResearch> edgar) {
        this.model = model;
        this.knowledgeBase = knowledgeBase;
        this.web = web;
        this.limits = limits;
        this.clock = clock;
        this.edgar = edgar;
    }

    public Draft run(String topic, Consumer<ResearchStep> steps) {
        return run(topic, null, steps);
    }

    /** @param context what Alex did before the run that the model should know (the filings just imported), or null */
    public Draft run(String topic, String context, Consumer<ResearchStep> steps) {
        Sources sources = new Sources();
        FinancialsTool financials = edgar.map(e -> new FinancialsTool(e, knowledgeBase)).orElse(null);
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(new ChatMessage.System(Prompts.load("system.md", Map.of(
                "date", LocalDate.now(clock).toString(),
                "max_steps", String.valueOf(limits.maxSteps()),
                "financials", financials == null ? "" : Prompts.load("financials-tool.md", Map.of()),
                "template", Prompts.load("report-template.md", Map.of())))));
        messages.add(new ChatMessage.User("Research topic: " + topic
                + (context == null || context.isBlank() ? "" : "\n\n" + context.strip())));
        steps.accept(new ResearchStep(ResearchStep.Kind.PLANNING, "Planning research on \"" + topic + "\" with " + model.name()));
        int turns = 0;
        int tokens = 0;
        boolean toldToWrite = false;
        for (int hardStop = limits.maxSteps() + 3; turns < hardStop; ) {
            checkCancelled();
            boolean mustWrite = turns >= limits.maxSteps() || tokens >= limits.tokenBudget();
            if (mustWrite && !toldToWrite) {
                tell(messages, Prompts.load("budget-reached.md", Map.of()));
                toldToWrite = true;
            }
            ChatResponse response = model.chat(new ChatRequest(messages, mustWrite ? List.of(saveTool()) : tools(financials != null),
                    limits.maxOutputTokens(), 0.2));
            turns++;
            tokens += response.inputTokens() + response.outputTokens();
            if (response.toolCalls().isEmpty()) {
                if (!response.text().isBlank()) {
                    // A model that answers in plain text instead of calling save_research still wrote the report.
                    steps.accept(new ResearchStep(ResearchStep.Kind.WRITING, "Writing the report"));
                    return draft(topic, null, response.text(), sources, turns, tokens);
                }
                // An empty turn is not kept (chat APIs refuse empty messages); the request is repeated with a nudge.
                tell(messages, "You sent an empty answer. Call " + SAVE + " with the report.");
                continue;
            }
            messages.add(response.asMessage());
            for (ToolCall call : response.toolCalls()) {
                checkCancelled();
                var outcome = perform(call, sources, financials, steps);
                if (outcome instanceof Outcome.Saved saved) {
                    return draft(topic, saved.title(), saved.markdown(), sources, turns, tokens);
                }
                var result = (Outcome.Result) outcome;
                messages.add(new ChatMessage.ToolResult(call.id(), call.name(), result.content(), result.error()));
            }
        }
        throw new AlexException(ErrorCode.UNAVAILABLE, "The language model did not finish a report within "
                + limits.maxSteps() + " steps. Try again, or a more capable model.");
    }

    /**
     * Adds an instruction for the model without two user messages in a row (Bedrock refuses
     * them): folded into the last user message when there is one. After tool results it is a
     * message of its own, as chat APIs with a tool role want; Converse carries it in the same user
     * turn as the results ({@code BedrockConverseModel} merges them).
     */
    static void tell(List<ChatMessage> messages, String note) {
        if (!messages.isEmpty() && messages.getLast() instanceof ChatMessage.User last) {
            messages.set(messages.size() - 1, new ChatMessage.User(last.text() + "\n\n" + note));
        } else {
            messages.add(new ChatMessage.User(note));
        }
    }

    private sealed interface Outcome {
        record Result(String content, boolean error) implements Outcome {
        }

        record Saved(String title, String markdown) implements Outcome {
        }
    }

    private Outcome perform(ToolCall call, Sources sources, FinancialsTool financials, Consumer<ResearchStep> steps) {
        JsonNode args;
        try {
            args = JSON.readTree(call.argumentsJson() == null || call.argumentsJson().isBlank() ? "{}" : call.argumentsJson());
            if (!args.isObject()) {
                throw new IllegalArgumentException("not an object");
            }
        } catch (Exception e) {
            return new Outcome.Result("Error: the arguments of " + call.name() + " are not a JSON object. Send valid JSON.", true);
        }
        try {
            return switch (call.name()) {
                case SEARCH -> search(args, sources, steps);
                case FETCH -> fetch(args, sources, steps);
                case SAVE -> save(args, steps);
                case FinancialsTool.NAME -> financials != null ? new Outcome.Result(financials.run(args, sources, steps), false)
                        : unknownTool(call, false);
                default -> unknownTool(call, financials != null);
            };
        } catch (AlexException e) {
            if (e.getMessage() != null && e.getMessage().equals("Research was cancelled.")) {
                throw e;
            }
            return new Outcome.Result("Error: " + e.getMessage(), true);
        }
    }

    private static Outcome unknownTool(ToolCall call, boolean withFinancials) {
        return new Outcome.Result("Error: there is no tool named '" + call.name() + "'. Available tools: "
                + String.join(", ", tools(withFinancials).stream().map(ToolSpec::name).toList()) + ".", true);
    }

    private Outcome search(JsonNode args, Sources sources, Consumer<ResearchStep> steps) {
        String query = args.path("query").asText("").strip();
        if (query.isEmpty()) {
            return new Outcome.Result("Error: " + SEARCH + " needs a non-empty \"query\".", true);
        }
        int k = Math.clamp(args.path("top_k").asInt(limits.passagesPerSearch()), 1, 10);
        steps.accept(new ResearchStep(ResearchStep.Kind.SEARCHING, "Searching the knowledge base: " + query));
        List<SearchHit> hits = knowledgeBase.search(SearchRequest.of(query.length() > 500 ? query.substring(0, 500) : query, k)).results();
        if (hits.isEmpty()) {
            return new Outcome.Result("No passages in the knowledge base match \"" + query + "\".", false);
        }
        StringBuilder out = new StringBuilder("Passages for \"" + query + "\":\n");
        for (SearchHit hit : hits) {
            int n = sources.addPassage(hit);
            out.append(UntrustedText.wrap(n, "passage", hit.title(), hit.source(), hit.text())).append('\n');
        }
        steps.accept(new ResearchStep(ResearchStep.Kind.READING, "Reading " + hits.size() + (hits.size() == 1 ? " passage" : " passages")));
        return new Outcome.Result(out.toString(), false);
    }

    private Outcome fetch(JsonNode args, Sources sources, Consumer<ResearchStep> steps) {
        String url = args.path("url").asText("").strip();
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return new Outcome.Result("Error: \"" + url + "\" is not a valid URL.", true);
        }
        steps.accept(new ResearchStep(ResearchStep.Kind.FETCHING, "Fetching " + url));
        var page = web.fetch(uri);
        String text = page.text().length() > PAGE_CHARS_FOR_MODEL
                ? page.text().substring(0, PAGE_CHARS_FOR_MODEL) + "\n[page truncated]" : page.text();
        int n = sources.addWeb(page.url().toString(), page.title(), text);
        steps.accept(new ResearchStep(ResearchStep.Kind.READING, "Reading " + page.title()));
        return new Outcome.Result(UntrustedText.wrap(n, "web", page.title(), page.url().toString(), text), false);
    }

    private Outcome save(JsonNode args, Consumer<ResearchStep> steps) {
        String markdown = args.path("markdown").asText("").strip();
        if (markdown.isEmpty()) {
            return new Outcome.Result("Error: " + SAVE + " needs the report in \"markdown\".", true);
        }
        steps.accept(new ResearchStep(ResearchStep.Kind.WRITING, "Writing the report"));
        String title = args.path("title").asText("").strip();
        return new Outcome.Saved(title.isEmpty() ? null : title, markdown);
    }

    private static Draft draft(String topic, String title, String markdown, Sources sources, int turns, int tokens) {
        String heading = title != null ? title : firstHeading(markdown).orElse(topic);
        return new Draft(heading, ReportAssembler.assemble(heading, markdown, sources), turns, tokens);
    }

    private static java.util.Optional<String> firstHeading(String markdown) {
        return markdown.lines().map(String::strip).filter(l -> l.startsWith("# ")).map(l -> l.substring(2).strip())
                .findFirst();
    }

    private static void checkCancelled() {
        if (Thread.currentThread().isInterrupted()) {
            throw new AlexException(ErrorCode.UNAVAILABLE, "Research was cancelled.");
        }
    }

    public static List<ToolSpec> tools() {
        return tools(false);
    }

    /** @param withFinancials with {@value FinancialsTool#NAME} (EDGAR is configured) */
    public static List<ToolSpec> tools(boolean withFinancials) {
        List<ToolSpec> tools = new ArrayList<>(List.of(
                new ToolSpec(SEARCH, "Search the analyst's knowledge base (filings, notes, saved pages, earlier research). "
                        + "Returns numbered passages to cite as [n].",
                        Map.of("type", "object", "properties", Map.of(
                                        "query", Map.of("type", "string", "description", "what to look for, in plain words"),
                                        "top_k", Map.of("type", "integer", "minimum", 1, "maximum", 10)),
                                "required", List.of("query"))),
                new ToolSpec(FETCH, "Fetch a public web page (http or https) and read its main text. Returns it as a numbered source.",
                        Map.of("type", "object", "properties", Map.of("url", Map.of("type", "string")),
                                "required", List.of("url")))));
        if (withFinancials) {
            tools.add(FinancialsTool.spec());
        }
        tools.add(saveTool());
        return List.copyOf(tools);
    }

    static ToolSpec saveTool() {
        return new ToolSpec(SAVE, "Save the finished research report. Call once, at the end.",
                Map.of("type", "object", "properties", Map.of(
                                "title", Map.of("type", "string"),
                                "markdown", Map.of("type", "string", "description", "the whole report in Markdown, citing [n]")),
                        "required", List.of("title", "markdown")));
    }
}
