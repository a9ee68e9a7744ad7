namespace AgentMesh.Persistence;

/// <summary>
/// Identifies one event-sourced entity's journal and snapshots, e.g. <c>agent:gpu-box</c>.
/// Exactly one writer may append to a persistence id at a time; the store enforces it through
/// the unique <c>(persistence_id, sequence_nr)</c>.
/// </summary>
public readonly record struct PersistenceId
{
    /// <summary>The longest id the stores accept, in UTF-16 code units.</summary>
    public const int MaxLength = 255;

    public PersistenceId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        if (value.Length > MaxLength)
        {
            throw new ArgumentException(
                $"A persistence id is at most {MaxLength} characters; got {value.Length}.", nameof(value));
        }

        Value = value;
    }

    public string Value { get; }

    public override string ToString() => Value;
}
