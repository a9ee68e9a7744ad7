using System.Text;

namespace AgentMesh.Actors;

/// <summary>
/// The location of an actor in its system's tree: the address of the system, then path elements
/// from the root (<c>/user/agents/gpu-box</c>). The <see cref="Uid"/> tells apart two actors that
/// lived at the same path one after the other.
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>
{
    private readonly ActorPath? _parent;
    private string? _text;

    private ActorPath(Address address, ActorPath? parent, string name, long uid)
    {
        Address = address;
        _parent = parent;
        Name = name;
        Uid = uid;
    }

    public Address Address { get; }

    /// <summary>The last element; the root's name is empty.</summary>
    public string Name { get; }

    public long Uid { get; }

    public ActorPath? Parent => _parent;

    public static ActorPath Root(Address address) => new(address, null, string.Empty, 0);

    public ActorPath Child(string name, long uid) => new(Address, this, name, uid);

    /// <summary>The path elements from the root, e.g. <c>["user", "agents", "gpu-box"]</c>.</summary>
    public IReadOnlyList<string> Elements
    {
        get
        {
            var elements = new List<string>();
            for (var p = this; p._parent is not null; p = p._parent)
            {
                elements.Add(p.Name);
            }

            elements.Reverse();
            return elements;
        }
    }

    /// <summary>The path without the address, e.g. <c>/user/agents/gpu-box</c>.</summary>
    public string ToStringWithoutAddress()
    {
        if (_parent is null)
        {
            return "/";
        }

        var builder = new StringBuilder();
        foreach (var element in Elements)
        {
            builder.Append('/').Append(element);
        }

        return builder.ToString();
    }

    public override string ToString() => _text ??= Address + ToStringWithoutAddress();

    public bool Equals(ActorPath? other) =>
        other is not null && Uid == other.Uid && Address == other.Address &&
        string.Equals(ToStringWithoutAddress(), other.ToStringWithoutAddress(), StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is ActorPath other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Name, Uid);
}
