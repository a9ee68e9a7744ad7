using System.CommandLine;
using AgentMesh.Cli.Agent;

namespace AgentMesh.Cli.Commands;

/// <summary><c>agentmesh agent run</c>: the built-in agent host.</summary>
internal static class AgentCommand
{
    public static Command Create(CliContext context)
    {
        var run = Run(context);
        return new Command("agent", "Be an agent: link to a node and answer its messages with a model") { run }.WithExamples(
            "agentmesh agent run --id gpu-box --node ws://mac-mini:5080/agents/link --base-url https://api.openai.com/v1 --model gpt-4o --api-key-env OPENAI_API_KEY");
    }

    private static Command Run(CliContext context)
    {
        var id = new Option<string>("--id") { Description = "The agent's id: 1-64 of A-Z a-z 0-9 . _ -", HelpName = "id", Required = true };
        var node = new Option<string?>("--node")
        {
            Description = $"The node's agent link, ws://host:port/agents/link (an http:// node address works too) [default: ${RemoteOptions.NodeVariable}, else {RemoteOptions.DefaultNodeUrl}]",
            HelpName = "ws-url",
        };
        var baseUrl = new Option<string>("--base-url")
        {
            Description = "The OpenAI-compatible API root; calls go to {base-url}/chat/completions",
            HelpName = "url",
            Required = true,
        };
        var model = new Option<string>("--model") { Description = "The model name sent with each call", HelpName = "name", Required = true };
        var apiKeyVariable = new Option<string?>("--api-key-env") { Description = "The environment variable holding the endpoint's API key [default: no key]", HelpName = "var" };
        var systemPromptFile = new Option<string?>("--system-prompt-file") { Description = "A text file whose content starts every conversation", HelpName = "file" };
        var token = new Option<string?>("--token") { Description = $"The agent token for the node [default: ${RemoteOptions.TokenVariable}]", HelpName = "token" };
        var provider = new Option<string?>("--provider") { Description = "The provider usage is billed under, as in the price table [default: from the base URL, e.g. openai]", HelpName = "name" };
        var contextTokens = new Option<long?>("--context-tokens") { Description = "Tokens a fresh session loads, reported when one starts [default: the system prompt's size, about 4 characters a token]", HelpName = "n" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds one model call may take before it fails as retryable", HelpName = "seconds", DefaultValueFactory = _ => 120 };
        var command = new Command("run", """
            Run an agent in the foreground until Ctrl-C. It links to the node (a new incarnation each run;
            the link reconnects by itself with back-off), acknowledges the welcome, and runs each session
            as a chat conversation (system prompt first) against {base-url}/chat/completions. It reports
            every call's tokens as usage and every message's outcome as a result: a 429, 408, 5xx, timeout
            or network failure is retryable; any other 4xx is not (three in a row open the session's
            circuit). It drops a conversation on stop-session, makes no calls while suspended, and fetches
            on a nudge. One log line per event.
            """)
        {
            id, node, baseUrl, model, apiKeyVariable, systemPromptFile, token, provider, contextTokens, timeout,
        }.WithExamples(
            "agentmesh agent run --id gpu-box --node ws://127.0.0.1:5080/agents/link --base-url http://127.0.0.1:11434/v1 --model llama3.1",
            "OPENAI_API_KEY=sk-... agentmesh agent run --id mac-mini --base-url https://api.openai.com/v1 --model gpt-4o-mini --api-key-env OPENAI_API_KEY --system-prompt-file prompts/ops.md");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var endpoint = HttpUrl(parseResult.GetRequiredValue(baseUrl), "--base-url");
            var systemPrompt = ReadSystemPrompt(parseResult.GetValue(systemPromptFile));
            var seconds = parseResult.GetValue(timeout);
            if (seconds <= 0)
            {
                throw new CliException(ExitCodes.Usage, "--timeout must be a positive number of seconds");
            }

            var options = new AgentHostOptions
            {
                AgentId = parseResult.GetRequiredValue(id),
                NodeUri = LinkUri(parseResult.GetValue(node) ?? NonEmpty(context.GetEnvironmentVariable(RemoteOptions.NodeVariable)) ?? RemoteOptions.DefaultNodeUrl),
                Token = NonEmpty(parseResult.GetValue(token)) ?? NonEmpty(context.GetEnvironmentVariable(RemoteOptions.TokenVariable)),
                BaseUrl = endpoint,
                Model = parseResult.GetRequiredValue(model),
                Provider = NonEmpty(parseResult.GetValue(provider)) ?? ProviderNames.FromBaseUrl(endpoint),
                ApiKey = ApiKey(context, parseResult.GetValue(apiKeyVariable)),
                SystemPrompt = systemPrompt,
                ContextTokens = parseResult.GetValue(contextTokens) is { } n
                    ? n >= 0 ? n : throw new CliException(ExitCodes.Usage, "--context-tokens must not be negative")
                    : AgentHostOptions.EstimateTokens(systemPrompt),
                CallTimeout = TimeSpan.FromSeconds(seconds),
            };
            using var host = new AgentHost(options, context.Output, context.TimeProvider);
            return await host.RunAsync(cancellationToken);
        });
        return command;
    }

    /// <summary>
    /// The agent link's URI: a <c>ws://</c> or <c>wss://</c> URI as given; an <c>http(s)://</c> node
    /// address becomes <c>ws(s)://…/agents/link</c> when it names no path.
    /// </summary>
    internal static Uri LinkUri(string text)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            if (uri.Scheme is "ws" or "wss")
            {
                return uri;
            }

            if (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            {
                var builder = new UriBuilder(uri) { Scheme = uri.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" };
                if (uri.AbsolutePath is "/" or "")
                {
                    builder.Path = "/agents/link";
                }

                return builder.Uri;
            }
        }

        throw new CliException(ExitCodes.Usage, $"--node must be a ws:// URI such as ws://127.0.0.1:5080/agents/link; got '{text}'");
    }

    private static Uri HttpUrl(string text, string option) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new CliException(ExitCodes.Usage, $"{option} must be an http:// or https:// URL such as https://api.openai.com/v1; got '{text}'");

    private static string? ReadSystemPrompt(string? path)
    {
        if (path is null)
        {
            return null;
        }

        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Usage, $"--system-prompt-file: cannot read {path}: {e.Message}", e);
        }
    }

    private static string? ApiKey(CliContext context, string? variable)
    {
        if (variable is null)
        {
            return null;
        }

        return NonEmpty(context.GetEnvironmentVariable(variable))
            ?? throw new CliException(ExitCodes.Usage, $"--api-key-env names {variable}, which is not set");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
