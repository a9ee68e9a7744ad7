namespace AgentMesh.Orchestration.Agents;

/// <summary>
/// The ids of one session key's waiting messages, in ascending order, in one array: ids are taken in
/// increasing order, so a new one goes at the end, and messages are handed over oldest first, so the
/// one that leaves is usually the first. Both are O(1) without a node per id (a sorted tree spends
/// about 50 bytes and an allocation per message, which a backlog of a hundred thousand makes the
/// collector walk). An id out of order, or one leaving from the middle, shifts the array: rare.
/// Single-threaded (owned by the agent's record).
/// </summary>
internal sealed class PendingIds
{
    private long[] _ids = new long[4];
    private int _head;
    private int _count;

    public int Count => _count;

    /// <summary>The lowest id; 0 when there is none.</summary>
    public long Min => _count > 0 ? _ids[_head] : 0;

    /// <summary>The lowest id above <paramref name="after"/>; 0 when there is none.</summary>
    public long FirstAfter(long after)
    {
        var index = LowerBound(after + 1);
        return index < _count ? _ids[_head + index] : 0;
    }

    /// <summary>Adds <paramref name="id"/>; false when it is there already.</summary>
    public bool Add(long id)
    {
        if (_count == 0 || id > _ids[_head + _count - 1])
        {
            MakeRoomAtEnd();
            _ids[_head + _count] = id;
            _count++;
            return true;
        }

        var index = LowerBound(id);
        if (index < _count && _ids[_head + index] == id)
        {
            return false;
        }

        MakeRoomAtEnd();
        Array.Copy(_ids, _head + index, _ids, _head + index + 1, _count - index);
        _ids[_head + index] = id;
        _count++;
        return true;
    }

    /// <summary>Removes <paramref name="id"/>; false when it is not there.</summary>
    public bool Remove(long id)
    {
        if (_count == 0)
        {
            return false;
        }

        if (_ids[_head] == id)
        {
            _head++;
            _count--;
            if (_count == 0)
            {
                _head = 0;
            }

            return true;
        }

        var index = LowerBound(id);
        if (index >= _count || _ids[_head + index] != id)
        {
            return false;
        }

        Array.Copy(_ids, _head + index + 1, _ids, _head + index, _count - index - 1);
        _count--;
        return true;
    }

    /// <summary>The position (from the head) of the first id at or above <paramref name="id"/>.</summary>
    private int LowerBound(long id)
    {
        var index = Array.BinarySearch(_ids, _head, _count, id);
        return (index >= 0 ? index : ~index) - _head;
    }

    /// <summary>Makes sure one more id fits after the last: slides the ids to the front, or grows the array.</summary>
    private void MakeRoomAtEnd()
    {
        if (_head + _count < _ids.Length)
        {
            return;
        }

        if (_head >= _ids.Length / 2)
        {
            Array.Copy(_ids, _head, _ids, 0, _count);
            _head = 0;
            return;
        }

        var grown = new long[_ids.Length * 2];
        Array.Copy(_ids, _head, grown, 0, _count);
        _ids = grown;
        _head = 0;
    }
}
