using AgentMesh.Actors.Dispatch;

namespace AgentMesh.Actors;

internal sealed partial class ActorCell
{
    public IEnumerable<IActorRef> Children => ChildCells();

    public IActorRef? Child(string name)
    {
        if (_extras is not { } extras)
        {
            return null;
        }

        lock (extras.ChildrenLock)
        {
            return extras.Children is { } children && children.TryGetValue(name, out var child) &&
                extras.TerminatingChildren?.Contains(child) != true
                ? child
                : null;
        }
    }

    public IActorRef Spawn(Props props, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(props);
        var extras = Extras;
        ActorCell child;
        lock (extras.ChildrenLock)
        {
            if (_lifecycle is Lifecycle.Terminating or Lifecycle.Terminated)
            {
                throw new InvalidOperationException($"{_path} is stopping and cannot start children.");
            }

            var children = extras.Children ??= new Dictionary<string, ActorCell>(StringComparer.Ordinal);
            if (name is null)
            {
                do
                {
                    name = "$" + ToBase36(extras.NextChildName++);
                }
                while (children.ContainsKey(name));
            }
            else
            {
                ValidateName(name);
                if (children.ContainsKey(name))
                {
                    throw new InvalidActorNameException($"The name '{name}' is already used by a child of {_path}.");
                }
            }

            child = new ActorCell(_system, this, props, _path.Child(name, _system.NextUid()));
            children.Add(name, child);
        }

        child.Start();
        return child;
    }

    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is ActorCell cell && ReferenceEquals(cell._parent, this))
        {
            var extras = Extras;
            lock (extras.ChildrenLock)
            {
                (extras.TerminatingChildren ??= []).Add(cell);
            }
        }

        (actor as IInternalActorRef)?.SendSystemMessage(new Terminate());
    }

    internal List<ActorCell> ChildCells()
    {
        if (_extras is not { } extras)
        {
            return [];
        }

        lock (extras.ChildrenLock)
        {
            return extras.Children is { Count: > 0 } children ? [.. children.Values] : [];
        }
    }

    /// <summary>Sends every child a stop; returns how many children are still to confirm their end.</summary>
    private int StopAllChildren()
    {
        var children = ChildCells();
        foreach (var child in children)
        {
            Stop(child);
        }

        return children.Count;
    }

    private void HandleChildTerminated(ActorCell child)
    {
        var extras = Extras;
        int remaining;
        lock (extras.ChildrenLock)
        {
            if (extras.Children is { } children && children.TryGetValue(child._path.Name, out var current) &&
                ReferenceEquals(current, child))
            {
                children.Remove(child._path.Name);
            }

            extras.TerminatingChildren?.Remove(child);
            extras.RestartStats?.Remove(child);
            remaining = extras.Children?.Count ?? 0;
        }

        if (_lifecycle == Lifecycle.Terminating && remaining == 0)
        {
            FinishTerminate();
        }
        else if (_lifecycle == Lifecycle.Recreating && extras.TerminatingChildren is not { Count: > 0 })
        {
            var cause = extras.PendingRecreateCause!; // Recreating is entered only with a pending cause.
            extras.PendingRecreateCause = null;
            CreateInstance(cause);
        }
    }

    private bool IsLiveChild(ActorCell child)
    {
        if (_extras is not { } extras)
        {
            return false;
        }

        lock (extras.ChildrenLock)
        {
            return extras.Children is { } children && children.TryGetValue(child._path.Name, out var current) &&
                ReferenceEquals(current, child);
        }
    }

    private static void ValidateName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 256)
        {
            throw new InvalidActorNameException("An actor name must be 1 to 256 characters long.");
        }

        if (name[0] == '$')
        {
            throw new InvalidActorNameException($"'{name}': names starting with '$' are reserved for generated names.");
        }

        foreach (var c in name)
        {
            if (c == '/' || char.IsWhiteSpace(c) || char.IsControl(c))
            {
                throw new InvalidActorNameException($"'{name}': an actor name must not contain '/', whitespace or control characters.");
            }
        }
    }

    private static string ToBase36(long value)
    {
        const string digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        Span<char> buffer = stackalloc char[16];
        var position = buffer.Length;
        do
        {
            buffer[--position] = digits[(int)(value % 36)];
            value /= 36;
        }
        while (value > 0);

        return new string(buffer[position..]);
    }
}
