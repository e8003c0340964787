using System.Collections.Immutable;

namespace PortMatrix.Ports;

/// <summary>
/// An immutable set of ports, kept normalized: ranges sorted, non-overlapping and non-adjacent,
/// so two equal sets always have the same ranges and the same text.
/// </summary>
public sealed class PortSet : IEquatable<PortSet>
{
    private PortSet(ImmutableArray<PortRange> normalizedRanges) => Ranges = normalizedRanges;

    public static PortSet Empty { get; } = new(ImmutableArray<PortRange>.Empty);

    /// <summary>Every port, 0–65535.</summary>
    public static PortSet All { get; } = new([PortRange.All]);

    /// <summary>The normalized ranges, ascending.</summary>
    public ImmutableArray<PortRange> Ranges { get; }

    public bool IsEmpty => Ranges.IsEmpty;

    public bool IsAll => Ranges.Length == 1 && Ranges[0] == PortRange.All;

    /// <summary>The number of ports in the set.</summary>
    public int Count
    {
        get
        {
            var n = 0;
            foreach (var r in Ranges)
            {
                n += r.Count;
            }

            return n;
        }
    }

    public static PortSet Of(params int[] ports) => From(ports.Select(p => new PortRange(p)));

    public static PortSet Of(PortRange range) => new([range]);

    /// <summary>Builds a normalized set from ranges in any order, overlapping or not.</summary>
    public static PortSet From(IEnumerable<PortRange> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var sorted = ranges.ToList();
        if (sorted.Count == 0)
        {
            return Empty;
        }

        sorted.Sort();
        var result = new PortRange[sorted.Count];
        var count = 0;
        var current = sorted[0];
        for (var i = 1; i < sorted.Count; i++)
        {
            var next = sorted[i];
            if (next.Low <= current.High + 1)
            {
                if (next.High > current.High)
                {
                    current = new PortRange(current.Low, next.High);
                }
            }
            else
            {
                result[count++] = current;
                current = next;
            }
        }

        result[count++] = current;
        if (count < result.Length)
        {
            Array.Resize(ref result, count);
        }

        // Hot in large imports: the array is handed over, not copied (nothing else holds it).
        return new PortSet(System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(result));
    }

    public bool Contains(int port)
    {
        // Binary search: sets from wide products can hold hundreds of ranges.
        int lo = 0, hi = Ranges.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var r = Ranges[mid];
            if (port < r.Low)
            {
                hi = mid - 1;
            }
            else if (port > r.High)
            {
                lo = mid + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    public bool IsSupersetOf(PortSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.Except(this).IsEmpty;
    }

    public bool Overlaps(PortSet other) => !Intersect(other).IsEmpty;

    public PortSet Union(PortSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.IsEmpty ? this : IsEmpty ? other : From(Ranges.Concat(other.Ranges));
    }

    public PortSet Intersect(PortSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var result = new List<PortRange>();
        int i = 0, j = 0;
        while (i < Ranges.Length && j < other.Ranges.Length)
        {
            var a = Ranges[i];
            var b = other.Ranges[j];
            var lo = Math.Max(a.Low, b.Low);
            var hi = Math.Min(a.High, b.High);
            if (lo <= hi)
            {
                result.Add(new PortRange(lo, hi));
            }

            if (a.High < b.High)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return From(result);
    }

    public PortSet Except(PortSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var result = new List<PortRange>();
        var j = 0;
        foreach (var range in Ranges)
        {
            var low = range.Low;
            while (j < other.Ranges.Length && other.Ranges[j].High < low)
            {
                j++;
            }

            var k = j;
            while (low <= range.High && k < other.Ranges.Length && other.Ranges[k].Low <= range.High)
            {
                var cut = other.Ranges[k];
                if (cut.Low > low)
                {
                    result.Add(new PortRange(low, cut.Low - 1));
                }

                low = Math.Max(low, cut.High + 1);
                if (cut.High >= range.High)
                {
                    break;
                }

                k++;
            }

            if (low <= range.High)
            {
                result.Add(new PortRange(low, range.High));
            }
        }

        return From(result);
    }

    /// <summary>The set as a port expression, e.g. <c>5060-5061,8080</c>; the empty set is <c>none</c>.</summary>
    public override string ToString() => IsEmpty ? "none" : string.Join(",", Ranges);

    public static PortSet Parse(string text) => PortExpression.Parse(text).ToPortSet();

    public static bool TryParse(string? text, out PortSet set)
    {
        set = Empty;
        if (text is null || !PortExpression.TryParse(text, out var e) || !e.IsConstant)
        {
            return false;
        }

        set = e.ToPortSet();
        return true;
    }

    public bool Equals(PortSet? other) =>
        other is not null && Ranges.AsSpan().SequenceEqual(other.Ranges.AsSpan());

    public override bool Equals(object? obj) => obj is PortSet other && Equals(other);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var r in Ranges)
        {
            hash.Add(r);
        }

        return hash.ToHashCode();
    }

    public static bool operator ==(PortSet? left, PortSet? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(PortSet? left, PortSet? right) => !(left == right);
}
