using System.Globalization;

namespace PortMatrix.Ports;

/// <summary>An inclusive range of port numbers, 0–65535, with <see cref="Low"/> ≤ <see cref="High"/>.</summary>
public readonly record struct PortRange : IComparable<PortRange>
{
    public const int MinPort = 0;
    public const int MaxPort = 65535;

    public PortRange(int low, int high)
    {
        Check(low);
        Check(high);
        if (low > high)
        {
            throw new ArgumentOutOfRangeException(nameof(low), $"port range {low}-{high} runs backwards; write {high}-{low}.");
        }

        Low = low;
        High = high;
    }

    public PortRange(int port) : this(port, port) { }

    public int Low { get; }

    public int High { get; }

    /// <summary>The number of ports in the range.</summary>
    public int Count => High - Low + 1;

    public bool IsSingle => Low == High;

    public static PortRange All { get; } = new(MinPort, MaxPort);

    public bool Contains(int port) => port >= Low && port <= High;

    public bool Overlaps(PortRange other) => Low <= other.High && other.Low <= High;

    public int CompareTo(PortRange other) => Low != other.Low ? Low.CompareTo(other.Low) : High.CompareTo(other.High);

    public static bool operator <(PortRange left, PortRange right) => left.CompareTo(right) < 0;

    public static bool operator >(PortRange left, PortRange right) => left.CompareTo(right) > 0;

    public static bool operator <=(PortRange left, PortRange right) => left.CompareTo(right) <= 0;

    public static bool operator >=(PortRange left, PortRange right) => left.CompareTo(right) >= 0;

    public override string ToString() =>
        IsSingle ? Low.ToString(CultureInfo.InvariantCulture) : $"{Low.ToString(CultureInfo.InvariantCulture)}-{High.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Parses <c>N</c> or <c>N-M</c>.</summary>
    public static PortRange Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var set = PortExpression.Parse(text).ToPortSet();
        if (set.Ranges.Length != 1)
        {
            throw new PortExpressionException($"'{text}' is not a single port range.", text, 1, text);
        }

        return set.Ranges[0];
    }

    public static bool TryParse(string? text, out PortRange range)
    {
        range = default;
        if (text is null || !PortExpression.TryParse(text, out var e) || !e.IsConstant)
        {
            return false;
        }

        var set = e.ToPortSet();
        if (set.Ranges.Length != 1)
        {
            return false;
        }

        range = set.Ranges[0];
        return true;
    }

    internal static void Check(int port)
    {
        if (port is < MinPort or > MaxPort)
        {
            throw new ArgumentOutOfRangeException(nameof(port), port,
                port > MaxPort ? $"port {port} is above {MaxPort}." : $"port {port} is below {MinPort}.");
        }
    }
}
