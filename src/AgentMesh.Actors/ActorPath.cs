using System.Text;

namespace AgentMesh.Actors;

/// <summary>
/// The location of an actor in its system's tree: the address of the system, then path elements
/// from the root (<c>/user/agents/gpu-box</c>). The <see cref="Uid"/> tells apart two actors that
/// lived at the same path one after the other. Only the root holds the address and nothing is
/// cached, so a child's path costs one small object (this matters for 100,000 idle actors).
/// </summary>
public abstract class ActorPath : IEquatable<ActorPath>
{
    private protected ActorPath()
    {
    }

    public abstract Address Address { get; }

    /// <summary>The last element; the root's name is empty.</summary>
    public abstract string Name { get; }

    public abstract long Uid { get; }

    public abstract ActorPath? Parent { get; }

    public static ActorPath Root(Address address) => new RootPath(address);

    public ActorPath Child(string name, long uid) => new ChildPath(this, name, uid);

    /// <summary>The path elements from the root, e.g. <c>["user", "agents", "gpu-box"]</c>.</summary>
    public IReadOnlyList<string> Elements
    {
        get
        {
            var elements = new List<string>();
            for (var p = this; p.Parent is not null; p = p.Parent)
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
        if (Parent is null)
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

    public override string ToString() => Address + ToStringWithoutAddress();

    public bool Equals(ActorPath? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || Uid != other.Uid || !string.Equals(Name, other.Name, StringComparison.Ordinal))
        {
            return false;
        }

        return Parent is null ? other.Parent is null && Address == other.Address : Parent.Equals(other.Parent);
    }

    public override bool Equals(object? obj) => obj is ActorPath other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Name, Uid);

    private sealed class RootPath(Address address) : ActorPath
    {
        public override Address Address { get; } = address;

        public override string Name => string.Empty;

        public override long Uid => 0;

        public override ActorPath? Parent => null;
    }

    private sealed class ChildPath(ActorPath parent, string name, long uid) : ActorPath
    {
        public override Address Address => Parent.Address;

        public override string Name { get; } = name;

        public override long Uid { get; } = uid;

        public override ActorPath Parent { get; } = parent;
    }
}
