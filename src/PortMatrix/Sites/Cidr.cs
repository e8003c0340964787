using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PortMatrix.Sites;

/// <summary>An IPv4 or IPv6 network in CIDR notation, normalized so the host bits are zero.</summary>
public sealed class Cidr : IEquatable<Cidr>, IComparable<Cidr>
{
    private readonly byte[] _bytes;

    private Cidr(byte[] bytes, int prefixLength)
    {
        _bytes = bytes;
        PrefixLength = prefixLength;
    }

    public AddressFamily Family => _bytes.Length == 4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;

    public bool IsIPv4 => _bytes.Length == 4;

    public int PrefixLength { get; }

    /// <summary>The network address.</summary>
    public IPAddress Network => new(_bytes);

    /// <summary>True for a single address (/32 or /128).</summary>
    public bool IsHost => PrefixLength == _bytes.Length * 8;

    /// <summary>True for 0.0.0.0/0 or ::/0.</summary>
    public bool IsDefault => PrefixLength == 0;

    public static Cidr Host(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var b = address.GetAddressBytes();
        return new Cidr(b, b.Length * 8);
    }

    public static Cidr Parse(string text) =>
        TryParse(text, out var c, out var error) ? c : throw new FormatException(error);

    public static bool TryParse(string? text, out Cidr cidr) => TryParse(text, out cidr, out _);

    public static bool TryParse(string? text, out Cidr cidr, out string error)
    {
        cidr = null!;
        var t = text?.Trim() ?? "";
        var slash = t.IndexOf('/', StringComparison.Ordinal);
        var addrText = slash < 0 ? t : t[..slash];
        if (!IPAddress.TryParse(addrText, out var address) || addrText.Contains('%', StringComparison.Ordinal)
            || (address.AddressFamily == AddressFamily.InterNetwork && addrText.Count(c => c == '.') != 3))
        {
            error = $"'{t}' is not an IP address or network; write e.g. 10.10.0.0/16, 192.0.2.10 or fd00:20::/48.";
            return false;
        }

        var bytes = address.GetAddressBytes();
        var max = bytes.Length * 8;
        var prefix = max;
        if (slash >= 0 && (!int.TryParse(t[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > max))
        {
            error = $"'{t}' has a bad prefix length; use /0 to /{max}.";
            return false;
        }

        for (var bit = prefix; bit < max; bit++)
        {
            if ((bytes[bit / 8] & (0x80 >> (bit % 8))) != 0)
            {
                error = $"'{t}' has host bits set; the network is {new Cidr(Mask(bytes, prefix), prefix)}.";
                return false;
            }
        }

        cidr = new Cidr(bytes, prefix);
        error = "";
        return true;
    }

    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var b = address.GetAddressBytes();
        return b.Length == _bytes.Length && Mask(b, PrefixLength).AsSpan().SequenceEqual(_bytes);
    }

    public bool Contains(Cidr other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other._bytes.Length == _bytes.Length && other.PrefixLength >= PrefixLength
            && Mask(other._bytes, PrefixLength).AsSpan().SequenceEqual(_bytes);
    }

    public bool Overlaps(Cidr other) => Contains(other) || (other?.Contains(this) ?? false);

    public override string ToString() => $"{Network}/{PrefixLength.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The address alone for a host, the CIDR otherwise.</summary>
    public string ToShortString() => IsHost ? Network.ToString() : ToString();

    public bool Equals(Cidr? other) => other is not null && PrefixLength == other.PrefixLength && _bytes.AsSpan().SequenceEqual(other._bytes);

    public override bool Equals(object? obj) => obj is Cidr c && Equals(c);

    public override int GetHashCode()
    {
        var h = default(HashCode);
        h.AddBytes(_bytes);
        h.Add(PrefixLength);
        return h.ToHashCode();
    }

    public int CompareTo(Cidr? other)
    {
        if (other is null)
        {
            return 1;
        }

        if (_bytes.Length != other._bytes.Length)
        {
            return _bytes.Length.CompareTo(other._bytes.Length);
        }

        var c = _bytes.AsSpan().SequenceCompareTo(other._bytes);
        return c != 0 ? c : PrefixLength.CompareTo(other.PrefixLength);
    }

    private static byte[] Mask(byte[] bytes, int prefix)
    {
        var r = (byte[])bytes.Clone();
        for (var bit = prefix; bit < r.Length * 8; bit++)
        {
            r[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return r;
    }
}
