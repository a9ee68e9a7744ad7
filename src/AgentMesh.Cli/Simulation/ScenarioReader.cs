using System.Text.Json;
using System.Text.RegularExpressions;
using AgentMesh.Orchestration.Ids;

namespace AgentMesh.Cli.Simulation;

/// <summary>
/// Reads a scenario from JSON (docs/simulate.md) and checks every field, naming each bad one by its
/// JSON path; cross-references (an agent named in a schedule must be a scenario agent) are checked too.
/// </summary>
internal static partial class ScenarioReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <exception cref="ScenarioException">The text is not JSON or not a valid scenario; the message lists every problem.</exception>
    public static Scenario Read(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new ScenarioException(source, [new ScenarioProblem($"$ (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})", "is not valid JSON")]);
        }

        using (document)
        {
            var problems = new List<ScenarioProblem>();
            var scenario = ReadScenario(document.RootElement, problems);
            if (problems.Count > 0 || scenario is null)
            {
                throw new ScenarioException(source, problems);
            }

            return scenario;
        }
    }

    private static Scenario? ReadScenario(JsonElement root, List<ScenarioProblem> problems)
    {
        var fields = new ScenarioFields(root, "$", problems);
        if (!fields.IsObject)
        {
            return null;
        }

        var name = fields.String("name", required: true, NamePattern(), "must be 1–64 characters of [a-z0-9-]");
        var title = fields.String("title") ?? string.Empty;
        var fieldReport = fields.String("fieldReport") ?? string.Empty;
        var duration = fields.Duration("duration", required: true, allowZero: false);
        if (duration > TimeSpan.FromDays(31))
        {
            fields.Problem("duration", "must be at most 31 days");
        }

        var seed = fields.Integer("seed", 0);
        if (seed > int.MaxValue)
        {
            fields.Problem("seed", "must be at most 2147483647");
        }

        var model = fields.String("model");
        if (model is not null && !ModelKey.TryParse(model, out _, out var modelError))
        {
            fields.Problem("model", modelError);
        }

        var agents = fields.Array("agents", required: true).Select(a => ReadAgent(a.Element, a.Path, problems)).ToList();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (agent, index) in agents.Select((a, i) => (a, i)))
        {
            if (agent is not null && !ids.Add(agent.Id))
            {
                problems.Add(new ScenarioProblem($"$.agents[{index}].id", $"'{agent.Id}' is already the id of another agent"));
            }
        }

        var rooms = agents.Where(a => a is not null).SelectMany(a => a!.Rooms).ToHashSet(StringComparer.Ordinal); // Filtered above.
        var links = fields.Array("links").Select(l => ReadLink(l.Element, l.Path, ids, problems)).ToList();
        var messages = fields.Array("messages").Select(m => ReadMessage(m.Element, m.Path, agents, rooms, problems)).ToList();
        var failures = fields.Array("failures").Select(f => ReadFailure(f.Element, f.Path, ids, problems)).ToList();
        var polls = fields.Array("polls").Select(p => ReadPoll(p.Element, p.Path, ids, problems)).ToList();
        var prices = fields.Array("prices").Select(p => ReadPrice(p.Element, p.Path, problems)).ToList();
        var targets = fields.Array("targets").Select(t => ReadTarget(t.Element, t.Path, problems)).ToList();
        fields.RejectUnknown();

        foreach (var (poll, index) in polls.Select((p, i) => (p, i)))
        {
            if (poll is not null && polls.Take(index).Any(p => p?.Agent == poll.Agent))
            {
                problems.Add(new ScenarioProblem($"$.polls[{index}].agent", $"'{poll.Agent}' already has a poll schedule"));
            }
        }

        if (problems.Count > 0 || name is null || duration is null)
        {
            return null;
        }

        return new Scenario
        {
            Name = name,
            Title = title,
            FieldReport = fieldReport,
            Duration = duration.Value,
            Seed = (int)(seed ?? 1),
            Model = model ?? "anthropic/claude-sonnet-4",
            Agents = agents!, // No problems: every element was read.
            Links = links!,
            Messages = messages!,
            Failures = failures!,
            Polls = polls!,
            Prices = prices!,
            Targets = targets!,
        };
    }

    private static ScenarioAgent? ReadAgent(JsonElement element, string path, List<ScenarioProblem> problems)
    {
        var fields = new ScenarioFields(element, path, problems);
        if (!fields.IsObject)
        {
            return null;
        }

        var id = fields.String("id", required: true);
        if (id is not null && !AgentId.TryCreate(id, out _, out var idError))
        {
            fields.Problem("id", idError);
            id = null;
        }

        var human = fields.Boolean("human");
        var context = fields.Integer("contextTokens", 1, required: human != true);
        var turnInput = fields.Integer("turnInputTokens", 0);
        var output = fields.Integer("outputTokens", 0);
        var caches = fields.Boolean("cachesContext");
        var turnTime = fields.Duration("turnTime");
        var model = fields.String("model");
        if (model is not null && !ModelKey.TryParse(model, out _, out var modelError))
        {
            fields.Problem("model", modelError);
        }

        var rooms = new List<string>();
        foreach (var (room, roomPath) in fields.Array("rooms"))
        {
            if (room.ValueKind != JsonValueKind.String || !RoomName.TryCreate(room.GetString(), out _, out _))
            {
                problems.Add(new ScenarioProblem(roomPath, "must be a room name (letters, digits, '.', '_', '-')"));
                continue;
            }

            rooms.Add(room.GetString()!); // A string.
        }

        ScenarioSubagents? subagents = null;
        if (fields.TryGet("subagents", out var sub))
        {
            var subFields = new ScenarioFields(sub, fields.At("subagents"), problems);
            var perTurn = subFields.Integer("perTurn", 1, required: true);
            var maxDepth = subFields.Integer("maxDepth", 1, required: true);
            if (perTurn > 10)
            {
                subFields.Problem("perTurn", "must be at most 10");
            }

            if (maxDepth > 10)
            {
                subFields.Problem("maxDepth", "must be at most 10");
            }

            subFields.RejectUnknown();
            if (perTurn is { } p && maxDepth is { } d)
            {
                subagents = new ScenarioSubagents((int)p, (int)d);
            }
        }

        fields.RejectUnknown();
        if (id is null || (context is null && human != true))
        {
            return null;
        }

        return new ScenarioAgent
        {
            Id = id,
            ContextTokens = context ?? 0,
            TurnInputTokens = turnInput ?? 500,
            OutputTokens = output ?? 600,
            CachesContext = caches ?? true,
            TurnTime = turnTime ?? TimeSpan.FromSeconds(5),
            Rooms = rooms,
            Human = human ?? false,
            Model = model,
            Subagents = subagents,
        };
    }

    private static ScenarioLink? ReadLink(JsonElement element, string path, HashSet<string> agents, List<ScenarioProblem> problems)
    {
        var fields = new ScenarioFields(element, path, problems);
        if (!fields.IsObject)
        {
            return null;
        }

        var agent = AgentField(fields, "agent", agents);
        var start = fields.Duration("start");
        var end = fields.Duration("end");
        var up = fields.Range("up", required: true);
        var down = fields.Range("down", required: true, allowZero: false);
        if (up is not null && down is not null && up.Min + down.Min <= TimeSpan.Zero)
        {
            fields.Problem("down", "a cycle must take some time");
        }

        CheckWindow(fields, start, end);
        fields.RejectUnknown();
        return agent is null || up is null || down is null ? null : new ScenarioLink { Agent = agent, Start = start ?? TimeSpan.Zero, End = end, Up = up, Down = down };
    }

    private static ScenarioMessage? ReadMessage(JsonElement element, string path, List<ScenarioAgent?> agents, HashSet<string> rooms, List<ScenarioProblem> problems)
    {
        var fields = new ScenarioFields(element, path, problems);
        if (!fields.IsObject)
        {
            return null;
        }

        var from = fields.String("from", required: true);
        var to = fields.String("to", required: true);
        var fromAgent = from is null ? null : agents.FirstOrDefault(a => a?.Id == from);
        if (to is not null)
        {
            if (RoomName.IsRoomAddress(to))
            {
                if (!RoomName.TryParseAddress(to, out var room, out _) || !rooms.Contains(room.Value))
                {
                    fields.Problem("to", $"'{to}' is not a room any scenario agent joins");
                }
                else if (from is not null && fromAgent is null)
                {
                    fields.Problem("from", "a room post must come from a scenario agent (it posts over its link)");
                }
            }
            else if (!agents.Any(a => a?.Id == to))
            {
                fields.Problem("to", $"'{to}' is not an agent of the scenario (nor room:<name>)");
            }
        }

        if (from is not null && fromAgent is null && !AgentId.TryCreate(from, out _, out _) && !from.StartsWith("room:", StringComparison.Ordinal))
        {
            fields.Problem("from", "must be a name of [A-Za-z0-9._-]");
        }

        var kind = fields.String("kind");
        if (kind is not null && kind is not ("message" or "onboarding" or "broadcast"))
        {
            fields.Problem("kind", "must be message, onboarding or broadcast");
            kind = null;
        }

        var bodies = new List<string>();
        if (fields.TryGet("body", out var body))
        {
            if (body.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(body.GetString()))
            {
                bodies.Add(body.GetString()!); // A string.
            }
            else if (body.ValueKind == JsonValueKind.Array && body.GetArrayLength() > 0 &&
                body.EnumerateArray().All(b => b.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(b.GetString())))
            {
                bodies.AddRange(body.EnumerateArray().Select(b => b.GetString()!)); // Strings, checked above.
            }
            else
            {
                fields.Problem("body", "must be a non-empty string or a non-empty array of them");
            }
        }
        else
        {
            fields.Problem("body", "is required");
        }

        var sessionKey = fields.String("sessionKey");
        if (sessionKey is not null && !SessionKey.TryCreate(sessionKey, out _, out var keyError))
        {
            fields.Problem("sessionKey", keyError);
        }

        var at = fields.Duration("at");
        var every = fields.Range("every", allowZero: false);
        var onLinkUp = fields.Boolean("onLinkUp") ?? false;
        var start = fields.Duration("start");
        var end = fields.Duration("end");
        var timings = (fields.Has("at") ? 1 : 0) + (fields.Has("every") ? 1 : 0) + (onLinkUp ? 1 : 0);
        if (timings == 0)
        {
            fields.Problem("at", "one of at, every and onLinkUp is required");
        }
        else if (timings > 1)
        {
            fields.Problem("at", "give only one of at, every and onLinkUp");
        }

        if (onLinkUp && to is not null && RoomName.IsRoomAddress(to))
        {
            fields.Problem("onLinkUp", "is for messages to an agent (sent each time its link comes up)");
        }

        CheckWindow(fields, start, end);
        var copies = fields.Integer("copies", 1);
        if (copies > 1000)
        {
            fields.Problem("copies", "must be at most 1000");
        }

        var copiesWithin = fields.Duration("copiesWithin");
        fields.RejectUnknown();
        if (from is null || to is null || bodies.Count == 0)
        {
            return null;
        }

        return new ScenarioMessage
        {
            From = from,
            To = to,
            Kind = kind ?? "message",
            Bodies = bodies,
            SessionKey = sessionKey ?? "default",
            At = at,
            Every = every,
            Start = start ?? TimeSpan.Zero,
            End = end,
            OnLinkUp = onLinkUp,
            Copies = (int)(copies ?? 1),
            CopiesWithin = copiesWithin ?? TimeSpan.Zero,
        };
    }

    private static ScenarioFailure? ReadFailure(JsonElement element, string path, HashSet<string> agents, List<ScenarioProblem> problems)
    {
        var fields = new ScenarioFields(element, path, problems);
        if (!fields.IsObject)
        {
            return null;
        }

        var agent = AgentField(fields, "agent", agents);
        var start = fields.Duration("start");
        var end = fields.Duration("end");
        var retryable = fields.Boolean("retryable");
        var error = fields.String("error");
        var fallback = fields.Boolean("fallback");
        CheckWindow(fields, start, end);
        fields.RejectUnknown();
        return agent is null ? null : new ScenarioFailure
        {
            Agent = agent,
            Start = start ?? TimeSpan.Zero,
            End = end,
            Retryable = retryable ?? false,
            Error = error ?? "model call failed",
            Fallback = fallback ?? false,
        };
    }

    private static ScenarioPoll? ReadPoll(JsonElement element, string path, HashSet<string> agents, List<ScenarioProblem> problems)
    {
        var fields = new ScenarioFields(element, path, problems);
        if (!fields.IsObject)
        {
            return null;
        }

        var agent = AgentField(fields, "agent", agents);
        var every = fields.Duration("every", required: true, allowZero: false);
        if (every < TimeSpan.FromSeconds(10))
        {
            fields.Problem("every", "must be at least 10s");
            every = null;
        }

        fields.RejectUnknown();
        return agent is null || every is null ? null : new ScenarioPoll(agent, every.Value);
    }

    private static ScenarioPrice? ReadPrice(JsonElement element, string path, List<ScenarioProblem> problems)
    {
        var fields = new ScenarioFields(element, path, problems);
        if (!fields.IsObject)
        {
            return null;
        }

        var model = fields.String("model", required: true);
        if (model is not null && !ModelKey.TryParse(model, out _, out var modelError))
        {
            fields.Problem("model", modelError);
            model = null;
        }

        var input = fields.Decimal("input", required: true);
        var cached = fields.Decimal("cachedInput");
        var output = fields.Decimal("output", required: true);
        fields.RejectUnknown();
        return model is null || input is null || output is null ? null : new ScenarioPrice(model, input.Value, cached ?? input.Value, output.Value);
    }

    private static ScenarioTarget? ReadTarget(JsonElement element, string path, List<ScenarioProblem> problems)
    {
        var fields = new ScenarioFields(element, path, problems);
        if (!fields.IsObject)
        {
            return null;
        }

        var label = fields.String("label", required: true);
        var figure = fields.String("figure", required: true);
        if (figure is not null && !SimulationFigures.Names.Contains(figure))
        {
            fields.Problem("figure", $"'{figure}' is not a figure; one of {string.Join(", ", SimulationFigures.Names)}");
            figure = null;
        }

        var atMost = Bound(fields, "atMost");
        var atLeast = Bound(fields, "atLeast");
        var equalTo = Bound(fields, "equalTo");
        if ((atMost is null ? 0 : 1) + (atLeast is null ? 0 : 1) + (equalTo is null ? 0 : 1) != 1)
        {
            fields.Problem("atMost", "give exactly one of atMost, atLeast and equalTo");
        }

        fields.RejectUnknown();
        return label is null || figure is null ? null : new ScenarioTarget { Label = label, Figure = figure, AtMost = atMost, AtLeast = atLeast, EqualTo = equalTo };
    }

    private static ScenarioBound? Bound(ScenarioFields fields, string name)
    {
        if (!fields.TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            return new ScenarioBound(value.GetDouble(), null);
        }

        if (value.ValueKind == JsonValueKind.String && SimulationFigures.Names.Contains(value.GetString()!))
        {
            return new ScenarioBound(null, value.GetString());
        }

        fields.Problem(name, "must be a number or a figure's name");
        return null;
    }

    private static string? AgentField(ScenarioFields fields, string name, HashSet<string> agents)
    {
        var agent = fields.String(name, required: true);
        if (agent is not null && !agents.Contains(agent))
        {
            fields.Problem(name, $"'{agent}' is not an agent of the scenario");
            return null;
        }

        return agent;
    }

    private static void CheckWindow(ScenarioFields fields, TimeSpan? start, TimeSpan? end)
    {
        if (start is not null && end is not null && end <= start)
        {
            fields.Problem("end", "must be after start");
        }
    }

    [GeneratedRegex("^[a-z0-9-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
