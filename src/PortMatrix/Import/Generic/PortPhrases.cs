using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using PortMatrix.Ports;

namespace PortMatrix.Import.Generic;

/// <summary>How a phrase is read: a port column reads bare numbers as ports, running text only anchored ones.</summary>
internal enum PhraseMode
{
    /// <summary>A cell of a port column: every number that is not plainly something else is a port.</summary>
    PortCell,

    /// <summary>A cell of a protocol column: transports, applications, "both", IP protocol numbers.</summary>
    ProtocolCell,

    /// <summary>Running text or a cell of another column: a number is a port only next to "port", a transport or an application.</summary>
    Text,
}

/// <summary>One set of ports a phrase names, with the transports and application written next to it.</summary>
internal sealed record PortMention
{
    /// <summary>The transports written with the ports; empty when the phrase names none.</summary>
    public IReadOnlyList<TransportWord> Transports { get; init; } = [];

    /// <summary>The ports; null for a portless protocol (ICMP) or an application named without ports.</summary>
    public PortExpression? Ports { get; init; }

    public WellKnownApplication? Application { get; init; }

    /// <summary>How the ports were written: single, list, range, open-range, any, ephemeral, portless.</summary>
    public required string Notation { get; init; }

    /// <summary>Where the transports came from: written before the ports, after them, or carried from earlier in the phrase.</summary>
    public string TransportPlace { get; init; } = "";

    /// <summary>The phrase calls these the source (client) ports ("source ports 1024-65535"), not where a flow goes.</summary>
    public bool IsSource { get; init; }

    /// <summary>Character span of the mention (ports with their transport and application) in <see cref="PhraseReading.Text"/>.</summary>
    public int Start { get; init; }

    public int End { get; init; }
}

/// <summary>Something a phrase held that could not be read as written.</summary>
internal readonly record struct PhraseIssue(string Code, string Message);

/// <summary>What <see cref="PortPhrases.Read"/> found in one cell or line.</summary>
internal sealed record PhraseReading(
    string Text,
    IReadOnlyList<PortMention> Mentions,
    IReadOnlyList<WellKnownApplication> Applications,
    IReadOnlyList<TransportWord> Transports,
    IReadOnlyList<PhraseIssue> Issues,
    bool LooksLikePorts)
{
    public static readonly PhraseReading Empty = new("", [], [], [], [], false);
}

/// <summary>
/// Reads the ways documents write ports and transports, in cells and in sentences: ranges
/// (<c>5060-5061</c>, <c>5060 to 5061</c>, <c>5060..5061</c>), lists (<c>5060/5061</c>, <c>5060, 5061</c>,
/// <c>5060 and 5061</c>), open ranges (<c>&gt;1024</c>, <c>1024+</c>, <c>above 1024</c>), <c>any</c>,
/// <c>dynamic</c>/<c>ephemeral</c>, transports before or after the ports (<c>UDP 5060</c>, <c>5060/udp</c>,
/// <c>5060 (UDP/TCP)</c>, <c>TCP port 8443</c>), applications (<c>SIP: 5060</c>, <c>443 (HTTPS)</c>).
/// Numbers that are versions, sizes, durations, dates, addresses, percentages or counts are not ports.
/// </summary>
/// <remarks>
/// A hand-written tokenizer and a single forward pass keep the cost linear in the text length.
/// Thousands separators: <c>5,060</c> and <c>10,000</c> (one or two digits, a comma, three digits starting
/// with 0) read as one number; <c>16,384-32,767</c> too (a range end); <c>22,443</c> alone reads as two
/// ports 22 and 443, with a warning either way when the three digits do not start with 0.
/// </remarks>
internal static partial class PortPhrases
{
    private static readonly HashSet<string> TransportWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "tcp", "udp", "upd", "sctp", "tls", "ssl", "dtls", "icmp", "icmpv6", "icmp6", "esp",
    };

    /// <summary>Transport words and what they mean: "TLS" is TCP with TLS, "DTLS" UDP with TLS, "UPD" a common misspelling of UDP.</summary>
    private static readonly Dictionary<string, TransportWord[]> TransportMap = new(StringComparer.OrdinalIgnoreCase)
    {
        ["tcp"] = [new(Transport.Tcp, false)],
        ["udp"] = [new(Transport.Udp, false)],
        ["upd"] = [new(Transport.Udp, false)],
        ["sctp"] = [new(Transport.Sctp, false)],
        ["tls"] = [new(Transport.Tcp, true)],
        ["ssl"] = [new(Transport.Tcp, true)],
        ["dtls"] = [new(Transport.Udp, true)],
        ["icmp"] = [new(Transport.Icmp, false)],
        ["icmpv6"] = [new(Transport.Icmpv6, false)],
        ["icmp6"] = [new(Transport.Icmpv6, false)],
        ["esp"] = [new(Transport.Esp, false)],
    };

    private static readonly TransportWord[] BothTransports = [new(Transport.Tcp, false), new(Transport.Udp, false)];

    private static readonly HashSet<string> PortKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "port", "ports", "portnumber", "portnumbers", "portrange",
    };

    /// <summary>Words that may stand between a transport (or "port") and the numbers it governs.</summary>
    private static readonly HashSet<string> PrefixFillers = new(StringComparer.OrdinalIgnoreCase)
    {
        "port", "ports", "portnumber", "portnumbers", "portrange", "no", "nr", "number", "numbers", "range",
        "on", "via", "over", "using", "at", "is", "are", "from", "between", "the", "default", "dst", "destination",
        "dest", "src", "source", "listening", "local", "remote", "server", "in", "of",
    };

    /// <summary>Words between "not" / "instead of" and the port it sets aside ("not the usual port 22").</summary>
    private static readonly HashSet<string> SetAsideFillers = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "usual", "default", "standard", "normal", "typical", "common", "customary", "well-known",
        "port", "ports", "on", "via", "over", "using",

        // "do not open TCP 22", "never expose port 8080".
        "open", "allow", "use", "expose", "forward", "enable", "publish",
    };

    private static readonly HashSet<string> RangeWords = new(StringComparer.OrdinalIgnoreCase) { "to", "through", "thru", "till", "until" };

    private static readonly HashSet<string> ListWords = new(StringComparer.OrdinalIgnoreCase) { "and", "or" };

    private static readonly HashSet<string> AboveWords = new(StringComparer.OrdinalIgnoreCase) { "above", "over" };

    private static readonly HashSet<string> AnyWords = new(StringComparer.OrdinalIgnoreCase) { "any", "all" };

    private static readonly HashSet<string> EphemeralWords = new(StringComparer.OrdinalIgnoreCase) { "dynamic", "ephemeral", "random", "eph" };

    /// <summary>Words after which a number is not a port (RFC 3261, VLAN 100, DHCP option 66, ICMP type 8).</summary>
    private static readonly HashSet<string> NotPortBefore = new(StringComparer.OrdinalIgnoreCase)
    {
        "version", "ver", "v", "release", "rel", "rfc", "vlan", "option", "options", "dscp", "cos", "tos", "priority",
        "chapter", "section", "page", "pages", "table", "figure", "fig", "step", "id", "type", "code", "level", "class",
        "windows", "iso", "ieee", "build", "sp", "patch", "kb", "cve", "appendix", "item", "line", "row", "phase",
        "tier", "g", "h", "t", "q", "x", "ipv", "since", "year", "dated", "no.", "qty", "quantity", "max", "min",
        "maximum", "minimum", "up", "timeout", "ttl", "mtu", "size", "length", "bandwidth", "delay", "latency",
        "note", "notes", "footnote", "rows", "ref", "ticket", "rev", "revision", "issue", "bug", "incident", "steps",
        "rule", "rules", "seq", "entry", "nr", "case", "qty.",
    };

    /// <summary>Units after which a number is a quantity, not a port (100 ms, 10 Mbps, 64 channels).</summary>
    private static readonly HashSet<string> UnitsAfter = new(StringComparer.OrdinalIgnoreCase)
    {
        "ms", "msec", "s", "sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes", "h", "hr", "hrs",
        "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years", "b", "kb", "mb", "gb",
        "tb", "kib", "mib", "gib", "byte", "bytes", "kbyte", "kbytes", "mbyte", "mbytes", "bit", "bits", "kbit",
        "kbits", "mbit", "mbits", "gbit", "gbits", "bps", "kbps", "mbps", "gbps", "k", "m", "g", "hz", "khz", "mhz",
        "ghz", "percent", "x", "times", "user", "users", "call", "calls", "channel", "channels", "session", "sessions",
        "device", "devices", "phone", "phones", "license", "licenses", "licences", "digit", "digits", "character",
        "characters", "chars", "db", "dbm", "v", "w", "fps", "pps", "cps", "erlang", "erlangs", "entries", "rows",
        "lines", "pages", "steps", "instances", "servers", "nodes", "cores", "cpu", "cpus", "vcpu", "vcpus", "ram",
        "kg", "mm", "cm", "km", "agents", "extensions", "trunks", "concurrent", "simultaneous", "parallel", "retries",
        "attempts", "packets", "frames", "hops", "ports",
    };

    [ThreadStatic]
    private static Dictionary<string, string>? t_pool;

    /// <summary>One string per distinct token text: large documents repeat the same words and numbers.</summary>
    private static string Intern(string s, int start, int end) => Pooled(ref t_pool, s.AsSpan(start, end - start), static text => text);

    /// <summary>The thread's value for a short text, made by <paramref name="make"/> the first time it is seen.</summary>
    private static T Pooled<T>(ref Dictionary<string, T>? pool, ReadOnlySpan<char> span, Func<string, T> make)
    {
        pool ??= new Dictionary<string, T>(StringComparer.Ordinal);
        if (pool.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(span, out var known))
        {
            return known;
        }

        var text = span.ToString();
        var value = make(text);
        if (pool.Count < 16_384 && text.Length <= 32)
        {
            pool[text] = value;
        }

        return value;
    }

    /// <summary>
    /// A word as the scanner sees it, looked up in the word tables once per distinct spelling. A setting name made
    /// of parts ("sip_port", "tls-port", "HttpsPort") that has "port" among them is a port keyword, and its other
    /// parts may name the application or the transport.
    /// </summary>
    private sealed class WordInfo
    {
        public WordInfo(string text)
        {
            Text = text;
            Transports = TransportMap.TryGetValue(text, out var t) ? t : null;
            PortKeyword = PortKeywords.Contains(text);
            Application = WellKnownApplications.Find(text);
            if (PortKeyword || Transports is not null || Application is not null || text.Length > 40)
            {
                return;
            }

            var parts = SettingParts(text);
            if (parts.Count < 2 || !parts.Exists(p => PortKeywords.Contains(p)))
            {
                return;
            }

            PortKeyword = true;
            foreach (var part in parts)
            {
                Transports ??= TransportMap.TryGetValue(part, out var pt) ? pt : null;
                Application ??= WellKnownApplications.Find(part);
            }
        }

        public string Text { get; }

        public TransportWord[]? Transports { get; }

        public bool PortKeyword { get; }

        public WellKnownApplication? Application { get; }

        /// <summary>"sip_port" → sip, port; "HttpsPort" → Https, Port.</summary>
        private static List<string> SettingParts(string word)
        {
            var parts = new List<string>();
            var start = 0;
            for (var i = 1; i <= word.Length; i++)
            {
                var boundary = i == word.Length || word[i] is '_' or '-' or '.' || (char.IsUpper(word[i]) && char.IsLower(word[i - 1]));
                if (!boundary)
                {
                    continue;
                }

                if (i > start)
                {
                    parts.Add(word[start..i].Trim('_', '-', '.'));
                }

                start = i < word.Length && word[i] is '_' or '-' or '.' ? i + 1 : i;
            }

            parts.RemoveAll(p => p.Length == 0);
            return parts;
        }

        /// <summary>A transport, "port" or an application: a number near it may be a port.</summary>
        public bool MayAnchor => Transports is not null || PortKeyword || Application is not null;
    }

    [ThreadStatic]
    private static Dictionary<string, WordInfo>? t_wordInfo;

    /// <summary>The word <paramref name="s"/>[start..end], shared with its earlier spellings on this thread.</summary>
    private static WordInfo WordOf(string s, int start, int end) => Pooled(ref t_wordInfo, s.AsSpan(start, end - start), static text => new WordInfo(text));

    /// <summary>The text of every port number written without leading zeros, made once (they are immutable).</summary>
    private static readonly string?[] PortTexts = new string?[PortRange.MaxPort + 1];

    /// <summary>A number's text: shared for a port number in its usual form, else interned.</summary>
    private static string NumberText(string s, int start, int end, int value)
    {
        if (value <= PortRange.MaxPort && (s[start] != '0' || end - start == 1))
        {
            return PortTexts[value] ??= value.ToString(CultureInfo.InvariantCulture);
        }

        return Intern(s, start, end);
    }

    private enum Kind
    {
        Number,
        Word,
        Symbol,
        Skip,
    }

    private struct Token
    {
        public Kind Kind;
        public int Start;
        public int End;
        public int Value;
        public string Text;

        /// <summary>For a word: what it names (a transport, a port keyword, an application).</summary>
        public WordInfo? Info;
        public bool Invalid;
        public bool Excluded;
        public bool AmbiguousThousands;
        public bool AfterAddress;
    }

    /// <summary>Reads one cell or line.</summary>
    public static PhraseReading Read(string text, PhraseMode mode)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0 || !HasLetterOrDigit(text))
        {
            return PhraseReading.Empty;
        }

        // Fast paths for the common cells of large tables: text without digits, a plain number or range.
        if (mode == PhraseMode.Text && !HasDigit(text) && !StartsWithPortless(text))
        {
            return PhraseReading.Empty;
        }

        if (mode == PhraseMode.PortCell && TrySimplePorts(text) is { } simple)
        {
            return simple;
        }

        var normalized = Normalize(text);
        if (mode == PhraseMode.PortCell && !ReferenceEquals(normalized, text) && TrySimplePorts(normalized) is { } dashed)
        {
            // "26935–26945": once its dash is normalized, a plain range reads as the full path reads it.
            return dashed;
        }

        if (mode == PhraseMode.ProtocolCell && ProtocolNumber(normalized.Trim()) is { } numbered)
        {
            return new PhraseReading(normalized, [], [], [numbered], [], false);
        }

        var tokens = Tokenize(normalized);
        if (mode == PhraseMode.Text && !MayAnchor(tokens))
        {
            return PhraseReading.Empty;
        }

        return new Scanner(normalized, tokens, mode).Run();
    }

    /// <summary>An IP protocol number alone in a protocol cell: 6 is TCP, 17 UDP, 1 ICMP, 50 ESP, 58 ICMPv6, 132 SCTP.</summary>
    private static TransportWord? ProtocolNumber(string text) => text switch
    {
        "6" => new TransportWord(Transport.Tcp, false),
        "17" => new TransportWord(Transport.Udp, false),
        "1" => new TransportWord(Transport.Icmp, false),
        "50" => new TransportWord(Transport.Esp, false),
        "58" => new TransportWord(Transport.Icmpv6, false),
        "132" => new TransportWord(Transport.Sctp, false),
        _ => null,
    };

    /// <summary>Dashes to '-', non-breaking spaces to ' ', "(s)" to "s" so "port(s)" reads as "ports".</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!NeedsNormalizing(text))
        {
            return text;
        }

        var t = PortText.Normalize(text);
        if (t.Contains('_'))
        {
            // "udp_10000-20000", "tcp_443": a firewall service object's name.
            t = UnderscoredService().Replace(t, "$1 $2");
        }

        if (t.Contains('~'))
        {
            // "10000 ~ 59999": a tilde between two numbers is a range.
            t = TildeRange().Replace(t, "$1-$2");
        }

        return t.Contains("(s)", StringComparison.OrdinalIgnoreCase) ? t.Replace("(s)", "s", StringComparison.OrdinalIgnoreCase) : t;
    }

    private static readonly System.Buffers.SearchValues<string> FurtherOnStems =
        System.Buffers.SearchValues.Create(["not", "only", "longer", "become"], StringComparison.OrdinalIgnoreCase);

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(tcp|udp|sctp|TCP|UDP|SCTP)_(\d)", System.Text.RegularExpressions.RegexOptions.NonBacktracking)]
    private static partial System.Text.RegularExpressions.Regex UnderscoredService();

    [System.Text.RegularExpressions.GeneratedRegex(@"(\d) ?~ ?(\d)", System.Text.RegularExpressions.RegexOptions.NonBacktracking)]
    private static partial System.Text.RegularExpressions.Regex TildeRange();

    private static bool NeedsNormalizing(string text)
    {
        foreach (var c in text)
        {
            if (c is '\u2013' or '\u2014' or '\u2212' or '\u2010' or '\u2011' or '\u00A0' or '\u2009' or '\u202F' or '(' or '~' or '_')
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasDigit(string text)
    {
        foreach (var c in text)
        {
            if (IsDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// "ICMP echo ...", "Allow inbound ICMP ...": a portless protocol gives a flow even without digits, so text
    /// naming ICMP or ESP as a word is read on.
    /// </summary>
    private static bool StartsWithPortless(string text) => HasWord(text, "icmp") || HasWord(text, "esp");

    /// <summary>Whether <paramref name="word"/> starts a word of the text (case ignored) and is not inside a longer word ("ICMPv6" counts).</summary>
    private static bool HasWord(string text, string word)
    {
        var i = text.IndexOf(word, StringComparison.OrdinalIgnoreCase);
        while (i >= 0)
        {
            var end = i + word.Length;
            if ((i == 0 || !char.IsLetter(text[i - 1])) && (end == text.Length || !char.IsLetter(text[end]) || word == "icmp"))
            {
                return true;
            }

            i = text.IndexOf(word, end, StringComparison.OrdinalIgnoreCase);
        }

        return false;
    }

    /// <summary>"5060" or "10000-20000" (ASCII hyphen, optional spaces): read without tokenizing.</summary>
    private static PhraseReading? TrySimplePorts(string text)
    {
        var t = text.AsSpan().Trim();
        var i = 0;
        var low = 0;
        while (i < t.Length && IsDigit(t[i]) && i < 5)
        {
            low = (low * 10) + (t[i] - '0');
            i++;
        }

        if (i == 0 || low > PortRange.MaxPort)
        {
            return null;
        }

        if (i == t.Length)
        {
            return Simple(text, new PortRange(low, low), "single");
        }

        var j = i;
        while (j < t.Length && t[j] == ' ')
        {
            j++;
        }

        if (j < t.Length && t[j] == ',' && j == i)
        {
            return TrySimpleList(text, t, i, low);
        }

        if (j >= t.Length || t[j] != '-')
        {
            return null;
        }

        j++;
        while (j < t.Length && t[j] == ' ')
        {
            j++;
        }

        var start = j;
        var high = 0;
        while (j < t.Length && IsDigit(t[j]) && j - start < 5)
        {
            high = (high * 10) + (t[j] - '0');
            j++;
        }

        // Anything unusual (a shortened end, a backwards range, more text) takes the full path.
        if (j == start || j != t.Length || high > PortRange.MaxPort || high < low || j - start < i)
        {
            return null;
        }

        return Simple(text, new PortRange(low, high), "range");
    }

    /// <summary>
    /// "39100, 39101": two ports, the comma followed by a space (so never a thousands separator), no leading zeros;
    /// anything else takes the full path.
    /// </summary>
    private static PhraseReading? TrySimpleList(string text, ReadOnlySpan<char> t, int i, int low)
    {
        if (t[0] == '0' || i + 1 >= t.Length || t[i + 1] != ' ')
        {
            return null;
        }

        var j = i + 1;
        while (j < t.Length && t[j] == ' ')
        {
            j++;
        }

        var start = j;
        var high = 0;
        while (j < t.Length && IsDigit(t[j]) && j - start < 5)
        {
            high = (high * 10) + (t[j] - '0');
            j++;
        }

        if (j == start || j != t.Length || t[start] == '0' || high > PortRange.MaxPort)
        {
            return null;
        }

        var first = text.Length - text.AsSpan().TrimStart().Length;
        var end = text.AsSpan().TrimEnd().Length;
        var mention = new PortMention
        {
            Ports = Expressions.Of([new PortRange(low, low), new PortRange(high, high)]),
            Notation = "list",
            Start = first,
            End = end,
        };
        return new PhraseReading(text, [mention], [], [], [], true);
    }

    private static PhraseReading Simple(string text, PortRange range, string notation)
    {
        var start = text.Length - text.AsSpan().TrimStart().Length;
        var end = text.AsSpan().TrimEnd().Length;
        var mention = new PortMention
        {
            Ports = Expressions.Single(range),
            Notation = notation,
            Start = start,
            End = end,
        };
        return new PhraseReading(text, [mention], [], [], [], true);
    }

    private static bool HasLetterOrDigit(string text)
    {
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    // ---- tokens ---------------------------------------------------------------------------------

    /// <summary>
    /// Whether running text has anything a port can be anchored to: a transport, "port", an application, an
    /// address with a port, or a number opening the line. Without one no number in it is a port.
    /// </summary>
    private static bool MayAnchor(List<Token> tokens)
    {
        var leading = true;
        foreach (var t in tokens)
        {
            switch (t.Kind)
            {
                case Kind.Word when t.Info!.MayAnchor:
                    return true;
                case Kind.Number when t.AfterAddress || leading:
                    return true;
                case Kind.Symbol when leading && t.Text is "-" or "*" or "\u2022" or "+" or "(" or "[":
                    continue;
                case Kind.Symbol when t.Text == "...":
                    // A dot leader may point at a port (Scanner.AfterDotLeader).
                    return true;
            }

            leading = false;
        }

        return false;
    }

    [ThreadStatic]
    private static List<Token>? t_tokens;

    private static List<Token> Tokenize(string s)
    {
        var tokens = t_tokens ??= new List<Token>(64);
        tokens.Clear();
        var n = s.Length;
        var i = 0;
        while (i < n)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (IsDigit(c))
            {
                i = ReadNumber(s, i, tokens);
                continue;
            }

            if (char.IsLetter(c))
            {
                var j = i + 1;
                while (j < n)
                {
                    var d = s[j];
                    if (char.IsLetterOrDigit(d))
                    {
                        j++;
                    }
                    else if ((d == '.' || d == '_') && j + 1 < n && char.IsLetterOrDigit(s[j + 1]))
                    {
                        j++;
                    }
                    else if (d == '+' && j - i >= 4 && string.Equals(s.Substring(i, j - i), "tacacs", StringComparison.OrdinalIgnoreCase))
                    {
                        j++;
                    }
                    else
                    {
                        break;
                    }
                }

                var info = WordOf(s, i, j);
                tokens.Add(new Token { Kind = Kind.Word, Start = i, End = j, Text = info.Text, Info = info });
                i = j;
                continue;
            }

            var sym = ReadSymbol(s, i);
            tokens.Add(new Token { Kind = Kind.Symbol, Start = i, End = i + sym.Length, Text = sym.Symbol.Length == 0 ? Intern(s, i, i + 1) : sym.Symbol });
            i += sym.Length;
        }

        return tokens;
    }

    private static (string Symbol, int Length) ReadSymbol(string s, int i)
    {
        var c = s[i];
        var next = i + 1 < s.Length ? s[i + 1] : '\0';
        var third = i + 2 < s.Length ? s[i + 2] : '\0';
        if (c == '.' && next == '.' && third == '.')
        {
            // "SMTP relay ........ 25": a dot leader of any length is one symbol, not the range mark of "5060..5061".
            var end = i + 3;
            while (end < s.Length && s[end] == '.')
            {
                end++;
            }

            return ("...", end - i);
        }

        return c switch
        {
            '.' when next == '.' => ("..", 2),
            '<' when next == '-' && third == '>' => ("<->", 3),
            '<' when next == '>' => ("<->", 2),
            '-' when next == '>' => ("->", 2),
            '=' when next == '>' => ("->", 2),
            '<' when next == '=' => ("<=", 2),
            '<' when next == '-' => ("<-", 2),
            '>' when next == '=' => (">=", 2),
            '\u2265' => (">=", 1),
            '\u2192' or '\u21D2' => ("->", 1),
            '\u2190' => ("<-", 1),
            '\u2194' or '\u21C4' or '\u21C6' => ("<->", 1),
            _ => ("", 1),
        };
    }

    private static int ReadNumber(string s, int i, List<Token> tokens)
    {
        var n = s.Length;
        var j = i;
        while (j < n && IsDigit(s[j]))
        {
            j++;
        }

        // 1.2, 10.0.0.1, 9.1.0: versions and addresses (an address may carry a port after a colon).
        if (j + 1 < n && s[j] == '.' && IsDigit(s[j + 1]))
        {
            var k = j;
            var dots = 0;
            while (k < n && (IsDigit(s[k]) || (s[k] == '.' && k + 1 < n && IsDigit(s[k + 1]))))
            {
                dots += s[k] == '.' ? 1 : 0;
                k++;
            }

            if (dots == 3 && k + 1 < n && s[k] == '/' && IsDigit(s[k + 1]))
            {
                // "10.99.0.0/24": the prefix length of a network, not a port.
                var m = k + 1;
                while (m < n && IsDigit(s[m]))
                {
                    m++;
                }

                tokens.Add(new Token { Kind = Kind.Skip, Start = i, End = m, Text = "network" });
                return m;
            }

            tokens.Add(new Token { Kind = Kind.Skip, Start = i, End = k, Text = dots == 3 ? "address" : "decimal" });
            if (dots == 3 && k + 1 < n && s[k] == ':' && IsDigit(s[k + 1]))
            {
                var p = k + 1;
                while (p < n && IsDigit(s[p]))
                {
                    p++;
                }

                // "127.0.0.1:5080": a port on the loopback address is not reachable from the network.
                if (s.AsSpan(i, j - i) is "127")
                {
                    tokens.Add(new Token { Kind = Kind.Skip, Start = k + 1, End = p, Text = "loopback-port" });
                    return p;
                }

                AddNumber(tokens, s, k + 1, p, afterAddress: true);
                return p;
            }

            return k;
        }

        // 5,060 and 10,000: a thousands separator (see the class remarks).
        if (j - i <= 2 && j + 3 < n && s[j] == ',' && IsDigit(s[j + 1]) && IsDigit(s[j + 2]) && IsDigit(s[j + 3])
            && (j + 4 >= n || !IsDigit(s[j + 4])))
        {
            var value = (int.Parse(s.AsSpan(i, j - i), CultureInfo.InvariantCulture) * 1000)
                + int.Parse(s.AsSpan(j + 1, 3), CultureInfo.InvariantCulture);
            var certain = s[j + 1] == '0';
            if (value <= PortRange.MaxPort && (certain || IsRangeEnd(s, i, j + 4, tokens)))
            {
                tokens.Add(new Token
                {
                    Kind = Kind.Number, Start = i, End = j + 4, Value = value, Text = Intern(s, i, j + 4),
                    AmbiguousThousands = !certain,
                });
                return j + 4;
            }
        }

        // 100ms, 10Mbps, 2x, 1st: a quantity or an ordinal.
        if (j < n && (char.IsLetter(s[j]) || s[j] == '%'))
        {
            var k = j;
            while (k < n && (char.IsLetterOrDigit(s[k]) || s[k] == '%'))
            {
                k++;
            }

            tokens.Add(new Token { Kind = Kind.Skip, Start = i, End = k, Text = "quantity" });
            return k;
        }

        AddNumber(tokens, s, i, j, afterAddress: false);
        return j;
    }

    private static bool IsRangeEnd(string s, int start, int end, List<Token> tokens)
    {
        if (tokens.Count > 0)
        {
            var prev = tokens[^1];
            if ((prev.Kind == Kind.Symbol && prev.Text is "-" or "..") || (prev.Kind == Kind.Word && RangeWords.Contains(prev.Text)))
            {
                return true;
            }
        }

        var k = end;
        while (k < s.Length && s[k] == ' ')
        {
            k++;
        }

        return k < s.Length && (s[k] == '-' || (k + 1 < s.Length && s[k] == '.' && s[k + 1] == '.')
            || (k + 2 < s.Length && (s[k] is 't' or 'T') && (s[k + 1] is 'o' or 'O') && s[k + 2] == ' '));
    }

    private static void AddNumber(List<Token> tokens, string s, int start, int end, bool afterAddress)
    {
        var length = end - start;
        if (length > 5)
        {
            tokens.Add(new Token { Kind = Kind.Skip, Start = start, End = end, Text = "long-number" });
            return;
        }

        var value = int.Parse(s.AsSpan(start, length), CultureInfo.InvariantCulture);
        tokens.Add(new Token
        {
            Kind = Kind.Number, Start = start, End = end, Value = value, Text = NumberText(s, start, end, value),
            Invalid = value > PortRange.MaxPort, AfterAddress = afterAddress,
        });
    }

    // ---- scanning -------------------------------------------------------------------------------

    /// <summary>Stands for a numeric item in a group; the group's ranges hold its value.</summary>
    private const string NumericItem = "#";

    private sealed record Group(int First, int Last, string Expression, string Notation, bool Numeric, List<PortRange> Ranges);

    private sealed class TransportGroup
    {
        public required int First { get; init; }

        public required int Last { get; init; }

        public required List<TransportWord> Words { get; init; }

        public bool UsedAsSuffix { get; set; }

        public bool Used { get; set; }
    }

    private sealed class Scanner(string text, List<Token> tokens, PhraseMode mode)
    {
        private List<PhraseIssue>? _issuesList;
        private List<PortMatrix.Ports.PortExpression>? _retired;
        private readonly List<TransportGroup> _transports = [];
        // Per-token tables, in buffers reused by the thread's next reading (a reading never starts another).
        private readonly WellKnownApplication?[] _apps = Cleared(ref t_apps, tokens.Count);
        private readonly int[] _transportAt = Filled(ref t_transportAt, tokens.Count);
        private bool _looksLikePorts;

        private List<PhraseIssue> Issues => _issuesList ??= [];

        public PhraseReading Run()
        {
            // Text without a number can only name a portless protocol at its start.
            if (mode == PhraseMode.Text && !tokens.Exists(t => t.Kind == Kind.Number) && !tokens.Exists(t => t.Info?.Transports is { } w && Array.Exists(w, x => !x.Transport.HasPorts())))
            {
                return PhraseReading.Empty;
            }

            MarkExclusions();
            FindTransportsAndApplications();
            var groups = FindGroups();
            _groupCount = groups.Count;
            var mentions = groups.Count == 0 ? [] : new List<PortMention>(groups.Count);
            var prefixOf = Cleared(ref t_prefixOf, groups.Count);

            // Transports written before the ports claim first, so "80, UDP 53" does not give UDP to 80.
            // But "443/TCP 8443/TCP": a transport glued to the ports before it by a slash is theirs, not the next ones'.
            for (var g = 0; g < groups.Count; g++)
            {
                prefixOf[g] = TransportBefore(groups[g].First, out _, out _);
                if (prefixOf[g] is { } glued && g > 0 && glued.First == groups[g - 1].Last + 2 && IsSymbol(groups[g - 1].Last + 1, "/"))
                {
                    prefixOf[g] = null;
                }

                if (prefixOf[g] is { } t)
                {
                    t.Used = true;
                }
            }

            TransportGroup? carry = null;
            var lastRetired = -1;
            for (var g = 0; g < groups.Count; g++)
            {
                var group = groups[g];
                var before = prefixOf[g];
                _ = TransportBefore(group.First, out var keyword, out var sourceWord);
                var after = before is null ? TransportAfter(group.Last, claimed: prefixOf) : null;
                var place = before is not null ? "before" : after is not null ? "after" : "";
                var transport = before ?? after;
                if (after is not null)
                {
                    after.UsedAsSuffix = true;
                    after.Used = true;
                }

                if (transport is null && carry is not null && !SentenceBreakBetween(carry.Last, group.First))
                {
                    transport = carry;
                    place = "carried";
                }

                if (before is not null)
                {
                    carry = before;
                }
                else if (transport is null)
                {
                    TransportGroup? lastBefore = null;
                    foreach (var t in _transports)
                    {
                        if (t.Last < group.First && !t.UsedAsSuffix)
                        {
                            lastBefore = t;
                        }
                    }

                    // In a cell the last transport before governs the ports after it; in running text only when it heads
                    // a list: "the following TCP ports must be open on the server: 80, 443 and 8443".
                    if (lastBefore is not null && !SentenceBreakBetween(lastBefore.Last, group.First)
                        && (mode != PhraseMode.Text || HeadsList(lastBefore, group.First)))
                    {
                        transport = lastBefore;
                        place = mode == PhraseMode.Text ? "before" : "carried";
                    }
                }

                var scheme = UrlScheme(group.First);
                var appSeparated = true;
                var app = scheme ?? ApplicationNear(group.First, group.Last, out appSeparated);
                var anchored = mode != PhraseMode.Text
                    || (transport is not null && place != "carried")
                    || (transport is not null && place == "carried" && keyword)
                    || keyword
                    || (app is not null && appSeparated)
                    || tokens[group.First].AfterAddress
                    || LeadsLine(group)
                    || AfterDotLeader(group)
                    || (mode == PhraseMode.Text && group.First == group.Last && IsWordText(group.First - 1, "on")
                        && tokens[group.First].Value >= 20 && !IsUnitAfter(group.Last) && (app ??= OnlyApplication()) is not null);
                if (mode == PhraseMode.ProtocolCell && transport is null && app is null && !keyword)
                {
                    anchored = false;
                }

                if (!anchored)
                {
                    continue;
                }

                // "not the usual port 22", "instead of port 80": a port the text names only to set aside; "443 (was 80)" in a port cell too.
                // "Do NOT open TCP 22 or TCP 80": a port listed after a retired one shares its fate.
                if ((mode == PhraseMode.Text && (IsRetired(group.Last) || IsLeftBehind(group.First) || IsRetiredAfter(group.Last) || ListedAfter(lastRetired, group.First)))
                    || (mode == PhraseMode.PortCell && (IsWasBefore(group.First) || IsRetired(group.Last))))
                {
                    lastRetired = group.Last;
                    var retired = group.Numeric ? Expressions.Of(group.Ranges) : null;
                    Issues.Add(new(WarningCodes.Retired, $"port {retired?.ToString() ?? group.Expression} is said to be retired or not to be opened; no flow was made"));
                    _looksLikePorts = true;
                    if (retired is not null)
                    {
                        (_retired ??= []).Add(retired);
                    }

                    continue;
                }

                if (mode == PhraseMode.Text && IsSetAside(group.First))
                {
                    continue;
                }

                if (IsReplacedByArrow(group.Last))
                {
                    Issues.Add(new(WarningCodes.Retired, $"port {(group.Numeric ? Expressions.Of(group.Ranges).ToString() : group.Expression)} is replaced by the port after the arrow; no flow was made for it"));
                    _looksLikePorts = true;
                    continue;
                }

                // "PostgreSQL 15", "Java 17": a small number right after an application's name, which is not
                // the application's port, is its version.
                if (app is not null && group.First > 0 && ReferenceEquals(_apps[group.First - 1], app) && group.First == group.Last
                    && tokens[group.First].Value < 100 && tokens[group.First].Value != app.Port && place != "before")
                {
                    continue;
                }

                _looksLikePorts = true;
                if (group.Expression.Length == 0)
                {
                    continue;
                }

                var start = tokens[group.First].Start;
                var end = tokens[group.Last].End;
                if (transport is not null)
                {
                    start = Math.Min(start, tokens[transport.First].Start);
                    end = Math.Max(end, tokens[transport.Last].End);
                }

                mentions.Add(new PortMention
                {
                    Transports = transport?.Words ?? [],
                    Ports = group.Numeric ? Expressions.Of(group.Ranges) : Expressions.Parse(group.Expression),
                    Application = app,
                    Notation = group.Notation,
                    TransportPlace = place,
                    IsSource = sourceWord,
                    Start = start,
                    End = end,
                });
            }

            // "served the portal on TCP 8080. That listener is removed; do not open port 8080": retired wherever the text names it.
            if (_retired is not null)
            {
                mentions.RemoveAll(m => m.Ports is { } p && _retired.Contains(p));
            }

            // ICMP and ESP have no ports: in a cell (or at the start of a line), the word alone is the flow.
            foreach (var t in _transports)
            {
                if (t.Used || (mode == PhraseMode.Text && t.First != 0 && !IsPortlessFlowInSentence(t)) || !t.Words.Exists(w => !w.Transport.HasPorts()))
                {
                    continue;
                }

                {
                    var portless = t.Words.Where(w => !w.Transport.HasPorts()).ToList();
                    if (portless.Count > 0 && mentions.All(m => m.Ports is not null || !m.Transports.SequenceEqual(portless)))
                    {
                        mentions.Add(new PortMention
                        {
                            Transports = portless,
                            Notation = "portless",
                            Start = tokens[t.First].Start,
                            End = tokens[t.Last].End,
                        });
                    }
                }
            }

            List<WellKnownApplication>? apps = null;
            for (var i = 0; i < tokens.Count; i++)
            {
                var a = _apps[i];
                if (a is not null && !(apps ??= []).Contains(a))
                {
                    apps.Add(a);
                }
            }

            List<TransportWord>? words = null;
            foreach (var t in _transports)
            {
                foreach (var w in t.Words)
                {
                    if (!(words ??= []).Contains(w))
                    {
                        words.Add(w);
                    }
                }
            }

            var found = _looksLikePorts || mentions.Count > 0;
            if (!found && apps is null && words is null && _issuesList is null)
            {
                return PhraseReading.Empty with { Text = text };
            }

            return new PhraseReading(text, mentions.Count == 0 ? [] : mentions, (IReadOnlyList<WellKnownApplication>?)apps ?? [],
                (IReadOnlyList<TransportWord>?)words ?? [], (IReadOnlyList<PhraseIssue>?)_issuesList ?? [], found);
        }

        [ThreadStatic]
        private static WellKnownApplication?[]? t_apps;

        [ThreadStatic]
        private static int[]? t_transportAt;

        [ThreadStatic]
        private static TransportGroup?[]? t_prefixOf;

        [ThreadStatic]
        private static List<Group>? t_groups;

        [ThreadStatic]
        private static List<TransportWord>? t_words;

        /// <summary>The thread's buffer of at least <paramref name="count"/> items, its first <paramref name="count"/> set to null.</summary>
        private static T?[] Cleared<T>(ref T?[]? buffer, int count)
            where T : class
        {
            if (buffer is null || buffer.Length < count)
            {
                buffer = new T?[Math.Max(count, 64)];
            }
            else
            {
                Array.Clear(buffer, 0, count);
            }

            return buffer;
        }

        /// <summary>The thread's buffer of at least <paramref name="count"/> ints, its first <paramref name="count"/> set to -1.</summary>
        private static int[] Filled(ref int[]? buffer, int count)
        {
            if (buffer is null || buffer.Length < count)
            {
                buffer = new int[Math.Max(count, 64)];
            }

            Array.Fill(buffer, -1, 0, count);
            return buffer;
        }

        private bool IsWord(int i, HashSet<string> set) => i >= 0 && i < tokens.Count && tokens[i].Kind == Kind.Word && set.Contains(tokens[i].Text);

        private bool IsSymbol(int i, string symbol) => i >= 0 && i < tokens.Count && tokens[i].Kind == Kind.Symbol && tokens[i].Text == symbol;

        private bool IsNumber(int i) => i >= 0 && i < tokens.Count && tokens[i].Kind == Kind.Number && !tokens[i].Excluded;

        private void MarkExclusions()
        {
            ExcludeConfigurableScopes();
            for (var i = 0; i < tokens.Count; i++)
            {
                var t = tokens[i];
                if (t.Kind != Kind.Number)
                {
                    continue;
                }

                var prev = i > 0 ? tokens[i - 1] : default;
                var next = i + 1 < tokens.Count ? tokens[i + 1] : default;
                var excluded =
                    (prev.Kind == Kind.Word && NotPortBefore.Contains(prev.Text) && !(prev.Text is "up" && IsWord(i - 2, ListWords)))
                    || IsDayOfMonth(i)
                    || IsIdentifierNumber(i) || IsFootnoteMark(i)
                    || (prev.Kind == Kind.Symbol && prev.Text is "$" or "#" or "\u20AC" or "\u00A3" or "~")
                    || (next.Kind == Kind.Symbol && next.Text is "%")
                    || (next.Kind == Kind.Word && UnitsAfter.Contains(next.Text) && !AllowsCountWord(i, next.Text));

                // 2023-01-15 and 12/31/2023: dates.
                if (IsDate(i))
                {
                    for (var k = i; k < Math.Min(tokens.Count, i + 5); k++)
                    {
                        var x = tokens[k];
                        x.Excluded = x.Kind == Kind.Number || x.Excluded;
                        tokens[k] = x;
                    }

                    i += 4;
                    continue;
                }

                // 10:30 is a time of day.
                if (next.Kind == Kind.Symbol && next.Text == ":" && i + 2 < tokens.Count && tokens[i + 2].Kind == Kind.Number
                    && t.Text.Length <= 2 && tokens[i + 2].Text.Length == 2 && tokens[i + 2].Start == next.End && next.Start == t.End)
                {
                    excluded = true;
                    var x = tokens[i + 2];
                    x.Excluded = true;
                    tokens[i + 2] = x;
                }

                if (excluded)
                {
                    t.Excluded = true;
                    tokens[i] = t;
                }
            }
        }

        /// <summary>"MCB-5604", "CHG-0041877": the number of a ticket or model written on to upper-case letters.</summary>
        private bool IsIdentifierNumber(int i)
        {
            if (i < 2 || !IsSymbol(i - 1, "-") || tokens[i - 1].End != tokens[i].Start || tokens[i - 2].End != tokens[i - 1].Start)
            {
                return false;
            }

            var w = tokens[i - 2];
            return w.Kind == Kind.Word && w.Text.Length >= 2 && w.Info is not { Transports: not null } and not { Application: not null }
                && w.Text.All(char.IsAsciiLetterUpper);
        }

        /// <summary>"tcp/443 (1)", "(3) DTLS media ...": a small number alone in parentheses marks a footnote.</summary>
        private bool IsFootnoteMark(int i) =>
            tokens[i].Value is > 0 and <= 20 && IsSymbol(i - 1, "(") && IsSymbol(i + 1, ")");

        /// <summary>
        /// "(Configurable 1024-64510)", "configurable range 1-65535": the numbers after "configurable" are what a
        /// setting allows, not what is used. The scope ends at a closing parenthesis, or outside parentheses at
        /// ".", ";", "," or "default".
        /// </summary>
        private void ExcludeConfigurableScopes()
        {
            var depth = 0;
            for (var i = 0; i < tokens.Count; i++)
            {
                var t = tokens[i];
                if (t.Kind == Kind.Symbol)
                {
                    depth += t.Text == "(" ? 1 : t.Text == ")" ? -1 : 0;
                    continue;
                }

                if (t.Kind != Kind.Word || !(t.Text.StartsWith("configurable", StringComparison.OrdinalIgnoreCase)
                    || t.Text.Equals("allowed", StringComparison.OrdinalIgnoreCase) || t.Text.Equals("alternatively", StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                var inner = depth > 0;
                for (var k = i + 1; k < tokens.Count; k++)
                {
                    var x = tokens[k];
                    if (x.Kind == Kind.Symbol && (x.Text == ")" || (!inner && x.Text is "." or ";" or ",")))
                    {
                        break;
                    }

                    if (x.Kind == Kind.Word && x.Text.Equals("default", StringComparison.OrdinalIgnoreCase))
                    {
                        break;
                    }

                    if (x.Kind == Kind.Number)
                    {
                        x.Excluded = true;
                        tokens[k] = x;
                    }
                }
            }
        }

        /// <summary>"ports 10000-10999 (1000 ports)" counts ports; "UDP 5060 port" does not.</summary>
        private bool AllowsCountWord(int i, string unit)
        {
            if (unit is not "ports")
            {
                return false;
            }

            var prev = i - 1;
            return prev >= 0 && tokens[prev].Kind == Kind.Word && TransportWords.Contains(tokens[prev].Text);
        }

        /// <summary>"21 May", "3 June 2024", "June 21": a day of a month, not a port.</summary>
        private bool IsDayOfMonth(int i)
        {
            if (tokens[i].Value is < 1 or > 31 || tokens[i].Text.Length > 2)
            {
                return false;
            }

            static bool Month(string w) => w.Length >= 3 && Months.Contains(w);
            if (i + 1 < tokens.Count && tokens[i + 1].Kind == Kind.Word && Month(tokens[i + 1].Text))
            {
                // "port 21 may be": "May" as a month only at the end or before a year or a stop.
                return !IsWordText(i + 1, "may") || i + 2 >= tokens.Count || tokens[i + 2].Kind == Kind.Symbol
                    || (tokens[i + 2].Kind == Kind.Number && tokens[i + 2].Text.Length == 4);
            }

            return i > 0 && tokens[i - 1].Kind == Kind.Word && Month(tokens[i - 1].Text) && !IsWordText(i - 1, "may");
        }

        private static readonly HashSet<string> Months = new(StringComparer.OrdinalIgnoreCase)
        {
            "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july", "aug", "august",
            "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december",
        };

        private bool IsDate(int i)
        {
            if (i + 4 >= tokens.Count)
            {
                return false;
            }

            var a = tokens[i];
            var b = tokens[i + 2];
            var c = tokens[i + 4];
            if (a.Kind != Kind.Number || b.Kind != Kind.Number || c.Kind != Kind.Number)
            {
                return false;
            }

            var s1 = tokens[i + 1];
            var s2 = tokens[i + 3];
            if (s1.Kind != Kind.Symbol || s2.Kind != Kind.Symbol || s1.Text != s2.Text || s1.Start != a.End || b.Start != s1.End
                || s2.Start != b.End || c.Start != s2.End)
            {
                return false;
            }

            return (s1.Text == "-" && a.Text.Length == 4 && b.Text.Length <= 2 && c.Text.Length <= 2)
                || (s1.Text is "/" or "-" && a.Text.Length <= 2 && b.Text.Length <= 2 && c.Text.Length is 2 or 4 && a.Value <= 31 && b.Value <= 31);
        }

        private void FindTransportsAndApplications()
        {
            for (var i = 0; i < tokens.Count; i++)
            {
                var t = tokens[i];
                if (t.Kind != Kind.Word)
                {
                    continue;
                }

                if (IsTransportWord(i, out _))
                {
                    var words = t_words ??= [];
                    words.Clear();
                    var first = i;
                    var last = i;
                    var slashPair = false;
                    var k = i;
                    while (k < tokens.Count && IsTransportWord(k, out var w))
                    {
                        words.AddRange(w);
                        last = k;
                        var sep = k + 1;
                        if (IsSymbol(sep, "/") || IsSymbol(sep, "(") || IsSymbol(sep, "+") || IsSymbol(sep, "&") || IsSymbol(sep, ",") || IsSymbol(sep, "-") || IsWord(sep, ListWords))
                        {
                            if (IsTransportWord(sep + 1, out _))
                            {
                                // "TCP/TLS" and "TCP (TLS)" are TLS over TCP.
                                slashPair |= IsSymbol(sep, "/") || IsSymbol(sep, "(");
                                k = sep + 1;
                                continue;
                            }

                            break;
                        }

                        if (IsTransportWord(sep, out _))
                        {
                            k = sep;
                            continue;
                        }

                        break;
                    }

                    // "TCP/TLS" is one transport: TLS over TCP.
                    if (slashPair && words.Count == 2 && words[0] == new TransportWord(Transport.Tcp, false) && words[1] == new TransportWord(Transport.Tcp, true))
                    {
                        words.RemoveAt(0);
                    }

                    var distinct = new List<TransportWord>(words.Count);
                    foreach (var w in words)
                    {
                        if (!distinct.Contains(w))
                        {
                            distinct.Add(w);
                        }
                    }

                    var group = new TransportGroup { First = first, Last = last, Words = distinct };
                    _transports.Add(group);
                    for (var x = first; x <= last; x++)
                    {
                        _transportAt[x] = _transports.Count - 1;
                    }

                    i = last;
                    continue;
                }

                var app = t.Info?.Application;
                if (app is not null && !(app.Name == "WS" && t.Text != "WS"))
                {
                    if (app.Name == "SNMP" && IsWordText(i + 1, "trap", "traps"))
                    {
                        app = WellKnownApplications.SnmpTrap;
                    }

                    _apps[i] = app;
                }
            }
        }

        private bool IsWordText(int i, params ReadOnlySpan<string> words)
        {
            if (i < 0 || i >= tokens.Count || tokens[i].Kind != Kind.Word)
            {
                return false;
            }

            foreach (var w in words)
            {
                if (string.Equals(w, tokens[i].Text, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsTransportWord(int i, out TransportWord[] words)
        {
            words = [];
            if (i < 0 || i >= tokens.Count || tokens[i].Kind != Kind.Word)
            {
                return false;
            }

            var w = tokens[i].Text;
            if (mode == PhraseMode.ProtocolCell && string.Equals(w, "both", StringComparison.OrdinalIgnoreCase))
            {
                words = BothTransports;
                return true;
            }

            if (tokens[i].Info?.Transports is not { } found)
            {
                return false;
            }

            // TCP/IP names the protocol suite, not a transport.
            if (string.Equals(w, "tcp", StringComparison.OrdinalIgnoreCase) && (IsSymbol(i + 1, "/") || IsSymbol(i + 1, "-")) && IsWordText(i + 2, "ip"))
            {
                return false;
            }

            words = found;
            return true;
        }

        private int _groupCount;

        private List<Group> FindGroups()
        {
            var groups = t_groups ??= [];
            groups.Clear();
            for (var i = 0; i < tokens.Count; i++)
            {
                if (!StartsItem(i, out _))
                {
                    continue;
                }

                var between = i > 0 && IsWordText(i - 1, "between");
                var first = i;
                List<string>? parts = null;
                var ranges = new List<PortRange>(2);
                var numeric = true;
                var notation = "single";
                var k = i;
                var count = 0;
                var bad = false;
                while (true)
                {
                    var end = ReadItem(k, between && count == 0, out var item, out var range, out var itemNotation);
                    if (end < 0)
                    {
                        break;
                    }

                    count++;
                    if (item is null)
                    {
                        bad = true;
                    }
                    else if (range is { } r)
                    {
                        ranges.Add(r);
                    }
                    else
                    {
                        (parts ??= []).Add(item);
                        numeric = false;
                    }

                    notation = count > 1 ? "list" : itemNotation;
                    k = end;

                    // Another item after a list connector ("5060, 5061", "5060/5061", "5060 and 5061").
                    var sep = k + 1;
                    if ((IsSymbol(sep, ",") || IsSymbol(sep, "/") || IsSymbol(sep, "&") || IsSymbol(sep, ";") || IsWord(sep, ListWords)) && StartsItem(sep + 1, out _))
                    {
                        k = sep + 1;
                        continue;
                    }

                    // "80 443" in a port cell.
                    if (mode == PhraseMode.PortCell && IsNumber(sep))
                    {
                        k = sep;
                        continue;
                    }

                    break;
                }

                if (count == 0)
                {
                    continue;
                }

                string expression;
                if (bad)
                {
                    expression = "";
                }
                else if (numeric)
                {
                    expression = NumericItem;
                }
                else if (parts!.Contains("any", StringComparer.Ordinal))
                {
                    expression = "any";
                }
                else
                {
                    expression = string.Join(",", ranges.Select(r => r.Low == r.High ? Str(r.Low) : $"{Str(r.Low)}-{Str(r.High)}").Concat(parts!));
                }

                groups.Add(new Group(first, k, expression, notation, numeric, ranges));
                i = k;
            }

            return groups;
        }

        private bool StartsItem(int i, out bool keyword)
        {
            keyword = false;
            if (i < 0 || i >= tokens.Count)
            {
                return false;
            }

            var t = tokens[i];
            if (t.Kind == Kind.Number)
            {
                return !t.Excluded;
            }

            if (t.Kind == Kind.Symbol && t.Text is ">" or ">=")
            {
                return IsNumber(i + 1);
            }

            if (t.Kind != Kind.Word)
            {
                return false;
            }

            if (AboveWords.Contains(t.Text) && IsNumber(i + 1))
            {
                return mode != PhraseMode.ProtocolCell;
            }

            if ((t.Text is "greater" or "higher" or "more") && IsWordText(i + 1, "than") && IsNumber(i + 2))
            {
                return true;
            }

            if (mode == PhraseMode.PortCell && (AnyWords.Contains(t.Text) || EphemeralWords.Contains(t.Text) || IsHighPorts(i)))
            {
                keyword = true;
                return true;
            }

            if (t.Text is "*" && mode == PhraseMode.PortCell)
            {
                return true;
            }

            return false;
        }

        private bool IsHighPorts(int i) => IsWordText(i, "high") && IsWordText(i + 1, "ports", "port");

        /// <summary>Reads one item at <paramref name="i"/>; returns the index of its last token, or -1.</summary>
        private int ReadItem(int i, bool betweenAnd, out string? item, out PortRange? range, out string notation)
        {
            item = null;
            range = null;
            notation = "single";
            var t = tokens[i];
            if (t.Kind == Kind.Symbol && t.Text is ">" or ">=")
            {
                notation = "open-range";
                return Above(i + 1, t.Text == ">=", out item);
            }

            if (t.Kind == Kind.Word)
            {
                if (AboveWords.Contains(t.Text))
                {
                    notation = "open-range";
                    return Above(i + 1, false, out item);
                }

                if (t.Text is "greater" or "higher" or "more")
                {
                    notation = "open-range";
                    return Above(i + 2, false, out item);
                }

                if (AnyWords.Contains(t.Text))
                {
                    notation = "any";
                    item = "any";
                    return IsWordText(i + 1, "port", "ports") ? i + 1 : i;
                }

                if (EphemeralWords.Contains(t.Text) || IsHighPorts(i))
                {
                    notation = "ephemeral";
                    item = "ephemeral";
                    return IsWordText(i + 1, "port", "ports") ? i + 1 : i;
                }

                return -1;
            }

            if (t.Kind == Kind.Symbol && t.Text == "*")
            {
                notation = "any";
                item = "any";
                return i;
            }

            if (t.Kind != Kind.Number || t.Excluded)
            {
                return -1;
            }

            if (t.Invalid)
            {
                Issues.Add(new(WarningCodes.Unreadable, $"'{t.Text}' is above 65535 and cannot be a port."));
                _looksLikePorts = true;
                return SkipRangeTail(i);
            }

            NoteThousands(t);

            // A range: "5060-5061", "5060 to 5061", "5060..5061", "between 5060 and 5061", "5060:5061" in a port cell.
            var connector = i + 1;
            var isRange = (IsSymbol(connector, "-") || IsSymbol(connector, "..") || IsWord(connector, RangeWords)
                || (betweenAnd && IsWordText(connector, "and"))
                || (mode == PhraseMode.PortCell && IsSymbol(connector, ":") && tokens[connector].Start == t.End))
                && connector + 1 < tokens.Count && tokens[connector + 1].Kind == Kind.Number && !tokens[connector + 1].Excluded;
            if (isRange)
            {
                var h = tokens[connector + 1];
                NoteThousands(h);
                notation = "range";
                if (h.Invalid)
                {
                    Issues.Add(new(WarningCodes.Unreadable, $"'{h.Text}' is above 65535 and cannot be a port."));
                    return connector + 1;
                }

                var high = h.Value;
                var lowDigits = Str(t.Value);
                if (high < t.Value && h.Text.Length < lowDigits.Length && h.Text.All(IsDigit))
                {
                    // "5060-61": the high end repeats the low end's leading digits.
                    if (int.TryParse(lowDigits[..(lowDigits.Length - h.Text.Length)] + h.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var expanded)
                        && expanded >= t.Value && expanded <= PortRange.MaxPort)
                    {
                        Issues.Add(new(WarningCodes.Inferred, $"'{t.Text}-{h.Text}' was read as the range {t.Value}-{expanded}."));
                        high = expanded;
                    }
                }

                if (high < t.Value)
                {
                    Issues.Add(new(WarningCodes.Unreadable, $"the range '{t.Text}-{h.Text}' runs backwards."));
                    return connector + 1;
                }

                range = new PortRange(t.Value, high);
                item = NumericItem;
                return connector + 1;
            }

            // "1024+", "1024 and above", "1024 or higher".
            // Not "7210     +----": the corner of a box drawn in text.
            if (IsSymbol(i + 1, "+") && !IsNumber(i + 2) && !IsTransportWord(i + 2, out _) && !IsSymbol(i + 2, "-") && !IsSymbol(i + 2, "=")
                && tokens[i + 1].Start == t.End)
            {
                notation = "open-range";
                item = ">=" + Str(t.Value);
                return i + 1;
            }

            if (IsWord(i + 1, ListWords) && IsWordText(i + 2, "above", "higher", "up", "upwards", "greater", "more", "over"))
            {
                notation = "open-range";
                item = ">=" + Str(t.Value);
                return i + 2;
            }

            if (IsWordText(i + 1, "upwards", "onwards"))
            {
                notation = "open-range";
                item = ">=" + Str(t.Value);
                return i + 1;
            }

            range = new PortRange(t.Value, t.Value);
            item = NumericItem;
            return i;
        }

        private int SkipRangeTail(int i) =>
            (IsSymbol(i + 1, "-") || IsWord(i + 1, RangeWords)) && i + 2 < tokens.Count && tokens[i + 2].Kind == Kind.Number ? i + 2 : i;

        private void NoteThousands(Token t)
        {
            if (t.AmbiguousThousands)
            {
                Issues.Add(new(WarningCodes.Inferred, $"'{t.Text}' was read as the number {Str(t.Value)} (a thousands separator), as it ends a range."));
            }
        }

        private int Above(int numberIndex, bool orEqual, out string? item)
        {
            item = null;
            if (!IsNumber(numberIndex))
            {
                return -1;
            }

            var t = tokens[numberIndex];
            if (t.Invalid)
            {
                Issues.Add(new(WarningCodes.Unreadable, $"'{t.Text}' is above 65535 and cannot be a port."));
                return numberIndex;
            }

            item = (orEqual ? ">=" : ">") + Str(t.Value);
            return numberIndex;
        }

        private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>The transport group just before token <paramref name="first"/>, across "port", ":", "/" and the like.</summary>
        private TransportGroup? TransportBefore(int first, out bool keyword, out bool sourceWord)
        {
            keyword = false;
            sourceWord = false;
            for (int k = first - 1, steps = 0; k >= 0 && steps < 5; k--, steps++)
            {
                var t = tokens[k];
                if (_transportAt[k] >= 0)
                {
                    return _transports[_transportAt[k]];
                }

                if (t.Kind == Kind.Word && (PrefixFillers.Contains(t.Text) || t.Info?.PortKeyword == true))
                {
                    keyword |= t.Info?.PortKeyword == true;
                    sourceWord |= t.Text.Equals("source", StringComparison.OrdinalIgnoreCase) || t.Text.Equals("src", StringComparison.OrdinalIgnoreCase);
                    continue;
                }

                if (t.Kind == Kind.Word && (t.Text.Equals("client", StringComparison.OrdinalIgnoreCase) || t.Text.Equals("ephemeral", StringComparison.OrdinalIgnoreCase))
                    && k == first - 2 && PortKeywords.Contains(tokens[k + 1].Text))
                {
                    sourceWord = true;
                    keyword = true;
                    break;
                }

                if (t.Kind == Kind.Symbol && t.Text is ":" or "/" or "=" or "-" or "#" or "(")
                {
                    continue;
                }

                break;
            }

            return null;
        }

        /// <summary>The transport group just after token <paramref name="last"/> ("5060/udp", "5060 (UDP/TCP)", "443 tcp").</summary>
        private TransportGroup? TransportAfter(int last, TransportGroup?[] claimed)
        {
            for (int k = last + 1, steps = 0; k < tokens.Count && steps < 4; k++, steps++)
            {
                var t = tokens[k];
                if (_transportAt[k] >= 0)
                {
                    var group = _transports[_transportAt[k]];
                    return Array.IndexOf(claimed, group, 0, _groupCount) >= 0 ? null : group;
                }

                // "5060/udp", "5060 (UDP)", "[9443]/TCP" (a default in brackets), "5061 for SIP over TLS".
                if ((t.Kind == Kind.Symbol && t.Text is "/" or "(" or "[" or "]" or "-" or ":")
                    || (t.Kind == Kind.Word && (PortKeywords.Contains(t.Text) || t.Text is "over" or "via" or "using" or "on" or "only" or "for"))
                    || _apps[k] is not null)
                {
                    continue;
                }

                break;
            }

            return null;
        }

        /// <summary>
        /// The scheme of a URL whose port token <paramref name="first"/> is ("https://host:9090/admin"), when it names
        /// an application; else null.
        /// </summary>
        private WellKnownApplication? UrlScheme(int first)
        {
            // scheme ":" "/" "/" host ":" port, where an IP address host has taken its colon with it
            var host = tokens[first].AfterAddress ? first - 1 : IsSymbol(first - 1, ":") && first >= 2 && tokens[first - 2].Kind == Kind.Word ? first - 2 : -1;
            if (host < 4 || !IsSymbol(host - 1, "/") || !IsSymbol(host - 2, "/") || !IsSymbol(host - 3, ":"))
            {
                return null;
            }

            return tokens[host - 4].Kind == Kind.Word ? tokens[host - 4].Info?.Application : null;
        }

        /// <summary>The application named next to the ports: "SIP: 5060", "HTTPS (443/tcp)", "443 (HTTPS)", "5060/udp - SIP".</summary>
        private WellKnownApplication? ApplicationNear(int first, int last, out bool separated)
        {
            separated = false;
            var sawSeparator = false;
            for (int k = first - 1, steps = 0; k >= 0 && steps < 6; k--, steps++)
            {
                var t = tokens[k];
                if (_apps[k] is { } app)
                {
                    separated = sawSeparator || steps == 0;
                    return app;
                }

                // "SIP: 5060", "HTTPS (443)", and "HTTPS on 443", "SIP over 5061": the application is said of the port.
                if ((t.Kind == Kind.Symbol && t.Text is ":" or "(" or "=" or "-")
                    || (t.Kind == Kind.Word && t.Text.ToLowerInvariant() is "on" or "over" or "via" or "using" or "at"))
                {
                    sawSeparator = true;
                    continue;
                }

                if (_transportAt[k] >= 0 || (t.Kind == Kind.Symbol && t.Text is "/") || (t.Kind == Kind.Word && PrefixFillers.Contains(t.Text)))
                {
                    continue;
                }

                break;
            }

            sawSeparator = false;
            for (int k = last + 1, steps = 0; k < tokens.Count && steps < 6; k++, steps++)
            {
                var t = tokens[k];
                if (_apps[k] is { } app)
                {
                    separated = sawSeparator;
                    return app;
                }

                if (t.Kind == Kind.Symbol && t.Text is "(" or "-" or ":" or "[" or "=")
                {
                    sawSeparator = true;
                    continue;
                }

                if (_transportAt[k] >= 0 || (t.Kind == Kind.Symbol && t.Text is "/" or ")" or "]")
                    || (t.Kind == Kind.Word && (t.Text is "for" or "by" or "via" or "used" or "port" or "ports")))
                {
                    continue;
                }

                break;
            }

            // In a cell, the one application it names belongs to its ports.
            if (mode != PhraseMode.Text)
            {
                WellKnownApplication? only = null;
                for (var i = 0; i < tokens.Count; i++)
                {
                    var a = _apps[i];
                    if (a is null || a == only)
                    {
                        continue;
                    }

                    if (only is not null)
                    {
                        return null;
                    }

                    only = a;
                }

                return only;
            }

            return null;
        }

        /// <summary>"Allow inbound ICMP from ...", "ICMP echo requests": a portless protocol a sentence asks to let through.</summary>
        private bool IsPortlessFlowInSentence(TransportGroup t)
        {
            if (IsWordText(t.Last + 1, "echo", "ping", "pings", "traffic", "packets", "messages", "requests", "replies", "unreachable"))
            {
                return true;
            }

            var k = t.First - 1;
            while (IsWordText(k, "inbound", "outbound", "incoming", "outgoing", "ingress", "egress", "all"))
            {
                k--;
            }

            return IsWordText(k, "allow", "allows", "permit", "permits", "open", "accept", "accepts", "enable", "pass", "passes");
        }

        /// <summary>The words before a number say it is not the one used: "not (the usual) port", "instead of", "rather than".</summary>
        private bool IsSetAside(int first)
        {
            for (int k = first - 1, steps = 0; k >= 0 && steps < 6; k--, steps++)
            {
                var t = tokens[k];
                if (t.Kind != Kind.Word)
                {
                    return false;
                }

                // "not the usual port 22", "instead of port 80", and a port a change leaves: "moved from TCP 8080 to TCP 8443".
                if (t.Text.Equals("not", StringComparison.OrdinalIgnoreCase) || t.Text.Equals("except", StringComparison.OrdinalIgnoreCase)
                    || t.Text.Equals("never", StringComparison.OrdinalIgnoreCase)
                    || (t.Text.Equals("of", StringComparison.OrdinalIgnoreCase) && IsWordText(k - 1, "instead"))
                    || (t.Text.Equals("than", StringComparison.OrdinalIgnoreCase) && IsWordText(k - 1, "rather"))
                    || (t.Text.Equals("from", StringComparison.OrdinalIgnoreCase) && IsWordText(k - 1, "moved", "changed", "migrated", "switched", "moves", "changes")))
                {
                    return true;
                }

                if (!SetAsideFillers.Contains(t.Text) && _transportAt[k] < 0)
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>Every word <see cref="IsLeftBehind"/> tests a token against.</summary>
        private static readonly FrozenSet<string> LeftBehindVocabulary = new[]
        {
            "was", "were", "previously", "formerly", "removed", "retired", "replacing", "replaces", "decommissioned", "not", "never",
            "remove", "delete", "close", "longer", "used", "listened", "served", "use", "uses", "opens", "needs", "requires", "listens",
            "open", "allow", "expose", "forward", "need", "require", "to", "by", "with", "now", "new", "added", "adds", "instead", "and", "or",
        }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// Words before a port that say the text leaves it behind: "(previously TCP 5062)", "Removed tcp/9000",
        /// "no longer listens on TCP 5280", "replacing the FTP upload on TCP 21". The look-back stops at a
        /// clause break, another number, or a word that brings a port in ("to", "now", "added", "open").
        /// </summary>
        private bool IsLeftBehind(int first)
        {
            for (int k = first - 1, steps = 0; k >= 0 && steps < 10; k--, steps++)
            {
                var t = tokens[k];
                if (t.Kind == Kind.Symbol)
                {
                    // "Removed: UDP 5004 - passive tap forwarding": a label that retires what follows.
                    if (t.Text == ":" && k <= 10 && Enumerable.Range(0, k).Any(x => IsWordText(x, "removed", "retired", "deleted", "dropped", "obsolete", "deprecated",
                        "discontinued", "withdrawn", "decommissioned")))
                    {
                        return true;
                    }

                    if (t.Text is "." or ";" or ":" or "|" or ",")
                    {
                        return false;
                    }

                    continue;
                }

                if (t.Kind != Kind.Word)
                {
                    return false;
                }

                // "Do not inspect or proxy SIP/TLS on 5061": a note on how to treat a port, not a port to open.
                if (IsWordText(k, "inspect", "intercept", "decrypt", "proxy", "terminate") && Enumerable.Range(Math.Max(0, k - 3), Math.Min(3, k)).Any(j => IsWordText(j, "not", "never")))
                {
                    return true;
                }

                if (!LeftBehindVocabulary.Contains(t.Text))
                {
                    // Every test below asks about this word; most words are none of them.
                    continue;
                }

                // "443 (was 80)": the port it had before.
                if (IsWordText(k, "was", "were") && k > 0 && tokens[k - 1].Kind == Kind.Symbol && tokens[k - 1].Text == "(")
                {
                    return true;
                }

                if (IsWordText(k, "previously", "formerly", "removed", "retired", "replacing", "replaces", "decommissioned", "not", "never",
                        "remove", "delete", "close")
                    || (IsWordText(k, "longer") && IsWordText(k - 1, "no")))
                {
                    return true;
                }

                // "Insight 8.x used TCP 8080", "Older releases (3.x) also used SIP over UDP port 5060": an old version's port.
                if (IsWordText(k, "used", "listened", "served") && Enumerable.Range(Math.Max(0, k - 4), Math.Min(4, k)).Any(j =>
                    IsWordText(j, "older", "old", "previous", "earlier", "legacy", "former") || (tokens[j].Kind == Kind.Word && tokens[j].Text.EndsWith(".x", StringComparison.Ordinal))
                    || (IsWordText(j, "before", "prior") && j + 1 < tokens.Count && tokens[j + 1].Kind is Kind.Number or Kind.Skip)
                    || (IsWordText(j, "x") && (IsSymbol(j - 1, ".") || (j > 0 && tokens[j - 1].Kind == Kind.Skip)))))
                {
                    return true;
                }

                // "no longer uses the legacy listener on TCP 4020".
                if (IsWordText(k, "use", "uses", "opens", "needs", "requires", "listens") && IsWordText(k - 1, "longer") && IsWordText(k - 2, "no"))
                {
                    return true;
                }

                // "do not open port 8080", "never allow TCP 23".
                if (IsWordText(k, "open", "allow", "expose", "forward", "use", "need", "require") && IsWordText(k - 1, "not", "never"))
                {
                    return true;
                }

                if (IsWordText(k, "to", "by", "with", "now", "new", "added", "adds", "instead", "and", "or", "use", "uses", "open", "allow", "opens"))
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>"JMX (9010/tcp) is off by default. Do not expose it outside the host.": the next sentence closes the port.</summary>
        private bool NextSentenceCloses(int last)
        {
            for (var k = last + 1; k < tokens.Count && k <= last + 16; k++)
            {
                if (tokens[k].Kind == Kind.Number && !tokens[k].Excluded)
                {
                    // Another port: the next sentence is not about this one alone.
                    return false;
                }

                if (IsSymbol(k, ".") && (k + 1 >= tokens.Count || tokens[k + 1].Start > tokens[k].End))
                {
                    return IsWordText(k + 1, "do") && IsWordText(k + 2, "not") && IsWordText(k + 3, "open", "expose", "forward", "allow")
                        || IsWordText(k + 1, "rejected", "declined", "refused", "denied")
                        || (IsWordText(k + 1, "not") && IsWordText(k + 2, "needed", "required", "approved"))
                        || (IsWordText(k + 1, "keep", "leave") && IsWordText(k + 2, "it", "this", "that") && Enumerable.Range(k + 3, 2).Any(x => IsWordText(x, "closed", "blocked", "disabled")))
                        || (IsWordText(k + 1, "these", "this", "that", "they", "it") && RefersBackToClose(k + 2));
                }
            }

            return false;
        }

        /// <summary>"These are client-side ports behind NAT; do not create port forwards for them": the sentence keeps them closed.</summary>
        private bool RefersBackToClose(int start)
        {
            for (var k = start; k < tokens.Count && k < start + 16; k++)
            {
                if (IsSymbol(k, ".") || (tokens[k].Kind == Kind.Number && !tokens[k].Excluded))
                {
                    return false;
                }

                if (IsWordText(k, "not", "never") && (IsWordText(k - 1, "do", "must", "should") || IsWordText(k, "never"))
                    && Enumerable.Range(k + 1, 2).Any(x => IsWordText(x, "open", "forward", "create", "expose", "allow", "add")))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>"TCP 22 or TCP 80", "ports 22, 23 and 80": only list words and transports between a retired port and this one.</summary>
        private bool ListedAfter(int retiredLast, int first)
        {
            if (retiredLast < 0 || first <= retiredLast + 1 || first - retiredLast > 5)
            {
                return false;
            }

            var joined = false;
            for (var k = retiredLast + 1; k < first; k++)
            {
                if (IsWordText(k, "or", "and", "nor") || IsSymbol(k, ","))
                {
                    joined = true;
                }
                else if (!(tokens[k].Kind == Kind.Word && tokens[k].Info?.Transports is not null) && !IsWordText(k, "port", "ports"))
                {
                    return false;
                }
            }

            return joined;
        }

        /// <summary>"443 (was 80)", "8443 (previously 8080)": the old port in brackets after the new one.</summary>
        private bool IsWasBefore(int first) =>
            IsWordText(first - 1, "was", "previously", "formerly", "old") && IsSymbol(first - 2, "(");

        /// <summary>The one application the text names ("SMTP to your mail relay on 587"), or null when it names none or several.</summary>
        private WellKnownApplication? OnlyApplication()
        {
            if (_onlyApplicationRead)
            {
                return _onlyApplication;
            }

            _onlyApplicationRead = true;
            return _onlyApplication = FindOnlyApplication();
        }

        private bool _onlyApplicationRead;
        private bool? _mayRetireFurtherOn;
        private WellKnownApplication? _onlyApplication;

        private WellKnownApplication? FindOnlyApplication()
        {
            WellKnownApplication? only = null;
            for (var i = 0; i < tokens.Count; i++)
            {
                var a = _apps[i];
                if (a is null || ReferenceEquals(a, only))
                {
                    continue;
                }

                if (only is not null)
                {
                    return null;
                }

                only = a;
            }

            return only;
        }

        private bool IsDotLeader(int i) =>
            i >= 0 && i < tokens.Count && tokens[i].Kind == Kind.Symbol && tokens[i].Text.Length > 0 && tokens[i].Text.AsSpan().IndexOfAnyExcept('.') < 0;

        /// <summary>"on 64 kbps", "on 2 cores": a unit after the number says it is not a port.</summary>
        private bool IsUnitAfter(int last) =>
            IsWordText(last + 1, "kbps", "mbps", "gbps", "kbit", "mbit", "ms", "s", "sec", "seconds", "minutes", "hours", "days", "cores", "cpus",
                "vcpus", "gb", "mb", "kb", "tb", "channels", "calls", "users", "agents", "ports", "lines", "nodes", "servers", "percent");

        /// <summary>"TCP 7070 -> TCP 7071", "TCP 2196 -> removed": the port before an arrow to another port (or to nothing) is the old one.</summary>
        private bool IsReplacedByArrow(int last)
        {
            var i = tokens[last].End;
            while (i < text.Length && text[i] is ' ' or ')'
                || (i < text.Length && text[i] == '(' && text.IndexOf(')', i, Math.Min(40, text.Length - i)) is var close && close > i && (i = close) >= 0))
            {
                i++;
            }

            var rest = text.AsSpan(i);
            var arrow = rest.StartsWith("->") || rest.StartsWith("=>") ? 2 : rest.StartsWith("\u2192") ? 1 : 0;
            if (arrow == 0)
            {
                return false;
            }

            var next = rest[arrow..].TrimStart();
            return next.Length > 0 && (char.IsDigit(next[0]) || next.StartsWith("tcp", StringComparison.OrdinalIgnoreCase) || next.StartsWith("udp", StringComparison.OrdinalIgnoreCase)
                || next.StartsWith("removed", StringComparison.OrdinalIgnoreCase) || next.StartsWith("none", StringComparison.OrdinalIgnoreCase)
                || next.StartsWith("closed", StringComparison.OrdinalIgnoreCase) || next.StartsWith("retired", StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>
        /// Strong words later in the same clause: "TCP 5432 : PostgreSQL - local only, do NOT open", "TCP 80 was used by the legacy
        /// inbox and is no longer ...", "UDP 10000-20000 becomes UDP 16000-17999". The look stops at a sentence end or another port.
        /// </summary>
        private bool IsRetiredFurtherOn(int last)
        {
            // Most text holds none of the words, and a cheap look at it once saves walking the tokens per port.
            _mayRetireFurtherOn ??= text.AsSpan().IndexOfAny(FurtherOnStems) >= 0;
            if (!_mayRetireFurtherOn.Value)
            {
                return false;
            }

            for (int k = last + 1, steps = 0; k < tokens.Count && steps < 16; k++, steps++)
            {
                var t = tokens[k];
                // Another port ends the look; "up to 6.x" (a small number) does not.
                if ((t.Kind == Kind.Symbol && t.Text is ";" or "|") || (t.Kind == Kind.Symbol && t.Text == "." && !(k > 0 && tokens[k - 1].Kind == Kind.Number))
                    || (t.Kind == Kind.Number && t.Value >= 20))
                {
                    return false;
                }

                if ((IsWordText(k, "do", "must", "should") && IsWordText(k + 1, "not") && IsWordText(k + 2, "open", "expose"))
                    || (IsWordText(k, "local", "localhost", "loopback") && IsWordText(k + 1, "only"))
                    || (IsWordText(k, "no") && IsWordText(k + 1, "longer"))
                    || (steps <= 1 && IsWordText(k, "becomes", "become")))
                {
                    return true;
                }
            }

            return false;
        }

        private static readonly HashSet<string> Copulas = new(StringComparer.OrdinalIgnoreCase)
        {
            "is", "are", "was", "were", "has", "have", "been", "be", "remains", "remain", "stays", "stay", "must", "should", "shall",
            "now", "also", "always", "permanently", "then",
        };

        /// <summary>
        /// A predicate after a port, or after a short list of them, that retires it: "Telnet (TCP 23) was removed",
        /// "Telnet (TCP 23) and plain HTTP (TCP 80) are disabled in software", "must not be opened". "Disabled by
        /// default" and "closed until ..." still name a port that is used once enabled.
        /// </summary>
        private bool IsRetiredAfter(int last)
        {
            if (IsRetiredFurtherOn(last) || NextSentenceCloses(last))
            {
                return true;
            }

            // "UDP 5060 - decommissioned 30 June 2024": the first word after the port, past a dash or a bracket.
            var first = last + 1;
            while (first < tokens.Count && first <= last + 3 && tokens[first].Kind == Kind.Symbol && tokens[first].Text is "-" or "(" or ":" or ",")
            {
                first++;
            }

            if (IsWordText(first, "decommissioned", "retired", "removed", "obsolete", "discontinued", "withdrawn")
                || (IsWordText(first, "disable", "remove", "close", "block") && first > last + 1 && IsSymbol(first - 1, "-")))
            {
                return true;
            }

            var others = 0;
            for (int k = last + 1, steps = 0; k < tokens.Count && steps < 14; k++, steps++)
            {
                var t = tokens[k];
                if (t.Kind == Kind.Symbol)
                {
                    // "UDP 69 (TFTP): no longer used", "TCP 80 (HTTP web administration): removed."
                    if (t.Text == ":" && (IsWordText(k + 1, "removed", "retired", "obsolete", "dropped", "closed", "decommissioned")
                        || (IsWordText(k + 1, "no") && IsWordText(k + 2, "longer"))))
                    {
                        return true;
                    }

                    // "... used UDP 5070 for the trunk; this port is no longer used": the next clause's subject is the port.
                    if (t.Text is ";" or "," or "." && IsWordText(k + 1, "that", "this", "which", "it"))
                    {
                        var j = k + 2;
                        for (var extra = 0; extra < 2 && j < tokens.Count && tokens[j].Kind == Kind.Word && !Copulas.Contains(tokens[j].Text); extra++)
                        {
                            // "that proxy", "this legacy listener"
                            j++;
                        }

                        if (j < tokens.Count && tokens[j].Kind == Kind.Word && Copulas.Contains(tokens[j].Text))
                        {
                            k = j - 1;
                            continue;
                        }
                    }

                    if (t.Text.Length > 0 && t.Text.AsSpan().IndexOfAnyExcept('.') < 0 && (t.Text.Length > 1 || IsDotLeader(k + 1)))
                    {
                        // "tcp:80 ........ closed since 7.0": dot leaders of a card, then what the port is.
                        while (IsDotLeader(k + 1))
                        {
                            k++;
                        }

                        if (IsWordText(k + 1, "closed", "removed", "retired", "decommissioned", "obsolete", "unused"))
                        {
                            return true;
                        }

                        continue;
                    }

                    // "UDP 2427 - MGCP gateway control. Removed in 8.0; do not open.", "... on TCP 4720. Close that port once ...",
                    // "23/tcp (removed in firmware 7.0)": the next sentence, or a bracket, about the item.
                    if (t.Text is "." or "(" or ";" && (IsWordText(k + 1, "removed", "retired", "decommissioned", "obsolete", "deprecated") && t.Text != ";"
                        || (IsWordText(k + 1, "close") && IsWordText(k + 2, "that", "this", "it", "the"))
                        || (IsWordText(k + 1, "do") && IsWordText(k + 2, "not") && IsWordText(k + 3, "open", "expose", "forward"))
                        || (t.Text == "." && IsWordText(k + 2, "was", "is", "has", "were") && IsWordText(k + 3, "removed", "retired", "decommissioned", "dropped")
                            && k + 1 < tokens.Count && WellKnownApplications.Find(tokens[k + 1].Text) is not null)))
                    {
                        return true;
                    }

                    // "Port 5062/TCP, used by firmware 3.x, has been retired": past an aside between commas.
                    if (t.Text == "," && IsWordText(k + 1, "used", "which", "formerly", "previously", "once", "needed", "required"))
                    {
                        var close = k + 2;
                        while (close < tokens.Count && close < k + 12 && !IsSymbol(close, ",") && !IsSymbol(close, ";"))
                        {
                            close++;
                        }

                        if (IsSymbol(close, ","))
                        {
                            k = close;
                            continue;
                        }
                    }

                    if (t.Text is "." or ";" or ":" or "|" or "," && !(t.Text == "." && k + 1 < tokens.Count && tokens[k + 1].Start == t.End))
                    {
                        return false;
                    }

                    continue;
                }

                if (t.Kind is Kind.Number or Kind.Skip)
                {
                    // "(TCP 23) present in firmware 1.x was removed": numbers and versions on the way.
                    continue;
                }

                if (t.Kind != Kind.Word)
                {
                    return false;
                }

                if (Copulas.Contains(t.Text) && !IsWordText(k, "now", "also", "always", "permanently", "then"))
                {
                    // "(can be disabled with a policy)": a choice, not a retirement; "can be closed" says the port is not needed.
                    if (IsWordText(k - 1, "can", "may", "could", "might"))
                    {
                        return IsWordText(k + 1, "closed", "removed");
                    }

                    var j = k;
                    while (j < tokens.Count && tokens[j].Kind == Kind.Word && Copulas.Contains(tokens[j].Text))
                    {
                        j++;
                    }

                    if (IsWordText(j, "not", "never"))
                    {
                        j++;
                        while (IsWordText(j, "be", "been"))
                        {
                            j++;
                        }

                        // "Telnet (TCP 23) is not available": of the port itself only when nothing stands between them.
                        return IsWordText(j, "used", "opened", "open", "needed", "required", "exposed", "forwarded", "allowed", "supported", "reachable", "accessible")
                            || (others == 0 && IsWordText(j, "available", "enabled", "present", "offered"));
                    }

                    // "TCP 1503 (T.120) was used by MeetBridge 5.x and 6.x only": a port of earlier releases.
                    if (IsWordText(k, "was", "were") && IsWordText(j, "used", "needed", "required", "opened")
                        && Enumerable.Range(j + 1, Math.Max(0, Math.Min(12, tokens.Count - j - 1))).Any(x =>
                            IsWordText(x, "older", "earlier", "previous", "former", "legacy", "before", "prior")
                            || (tokens[x].Kind == Kind.Word && tokens[x].Text.EndsWith(".x", StringComparison.OrdinalIgnoreCase))
                            || (IsWordText(x, "x") && IsSymbol(x - 1, "."))))
                    {
                        return true;
                    }

                    var retired = IsWordText(j, "removed", "retired", "disabled", "closed", "decommissioned", "blocked", "unused", "obsolete", "dropped", "rejected", "gone")
                        || (IsWordText(j, "no") && IsWordText(j + 1, "longer"));
                    if (retired && IsWordText(j + 1, "by") && IsWordText(j + 2, "default"))
                    {
                        // "closed by default and should stay closed": the rest of the clause decides.
                        return Enumerable.Range(j + 3, Math.Max(0, Math.Min(6, tokens.Count - j - 3))).Any(x =>
                            IsWordText(x, "stay", "stays", "remain", "remains", "keep", "kept") && IsWordText(x + 1, "closed", "disabled", "blocked"));
                    }

                    return retired && !IsWordText(j + 1, "until", "unless", "when", "if", "while");
                }

                // "FTP (TCP 21) for prompt uploads - not needed": a dash or comma, then "not needed".
                if (IsWordText(k, "not") && IsWordText(k + 1, "needed", "required", "used", "wanted") && (IsSymbol(k - 1, "-") || IsSymbol(k - 1, ",")))
                {
                    return true;
                }

                // "the old TSAPI bridge port 450 went away in 4.0", "port 69 is gone".
                if (IsWordText(k, "went", "gone") && (IsWordText(k + 1, "away") || IsWordText(k, "gone")))
                {
                    return true;
                }

                if (t.Info is { } info && (info.Transports is not null || info.Application is not null || info.PortKeyword))
                {
                    continue;
                }

                if (IsWordText(k, "and", "or", "plain", "legacy", "the", "old", "both", "unencrypted", "insecure"))
                {
                    continue;
                }

                if (++others > 4)
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>A transport followed by "port(s)" and, before <paramref name="first"/>, a colon that opens the list of them.</summary>
        private bool HeadsList(TransportGroup transport, int first)
        {
            if (transport.Last + 1 >= tokens.Count || tokens[transport.Last + 1].Info?.PortKeyword != true)
            {
                return false;
            }

            for (var k = transport.Last + 2; k < first; k++)
            {
                if (IsSymbol(k, ":"))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>"port 8080 is no longer opened", "5060 is not used": a port the text says is not (or no longer) in use.</summary>
        private bool IsRetired(int last)
        {
            var k = last + 1;
            if (IsWordText(k, "is", "are", "was", "were"))
            {
                k++;
            }

            return (IsWordText(k, "no") && IsWordText(k + 1, "longer"))
                || (IsWordText(k, "not") && IsWordText(k + 1, "used", "opened", "open", "needed", "required", "supported"))
                || IsWordText(k, "deprecated", "removed", "closed", "unused");
        }

        private bool SentenceBreakBetween(int a, int b)
        {
            for (var k = a + 1; k < b; k++)
            {
                if (tokens[k].Kind == Kind.Symbol && tokens[k].Text is "." or ";" or "|")
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>"8080: admin UI", "5060 - SIP": a list line that starts with its ports.</summary>
        /// <summary>
        /// "SMTP relay for alarm e-mails ........... 25": a number a dot leader points at is the item's port. A line that
        /// starts with a section number ("3.2 SMTP relay ...... 25") is a table of contents, whose numbers are pages.
        /// </summary>
        private bool AfterDotLeader(Group group)
        {
            var k = group.First - 1;
            var dots = 0;
            while (IsDotLeader(k))
            {
                dots += tokens[k].Text.Length;
                k--;
            }

            return dots >= 3 && k >= 0 && tokens[0].Kind != Kind.Number && !(tokens[0].Kind == Kind.Skip);
        }

        private bool LeadsLine(Group group)
        {
            var k = 0;
            while (k < group.First && tokens[k].Kind == Kind.Symbol && tokens[k].Text is "-" or "*" or "\u2022" or "+" or "(" or "[")
            {
                k++;
            }

            if (k != group.First)
            {
                return false;
            }

            var next = group.Last + 1;
            return next < tokens.Count && tokens[next].Kind == Kind.Symbol && tokens[next].Text is ":" or "-" or "/" or "(" or "=";
        }
    }

    /// <summary>Port expressions shared between equal cells (they are immutable).</summary>
    private static class Expressions
    {
        [ThreadStatic]
        private static Dictionary<(int, int), PortExpression>? t_single;

        [ThreadStatic]
        private static Dictionary<string, PortExpression>? t_parsed;

        public static PortExpression Of(List<PortRange> ranges) =>
            ranges.Count == 1 ? Single(ranges[0]) : PortExpression.FromSet(PortSet.From(ranges));

        /// <summary>The expression of every single port, made once (they are immutable).</summary>
        private static readonly PortExpression?[] SinglePorts = new PortExpression?[PortRange.MaxPort + 1];

        public static PortExpression Single(PortRange range)
        {
            if (range.IsSingle)
            {
                return SinglePorts[range.Low] ??= PortExpression.FromSet(PortSet.Of(range));
            }

            var cache = t_single ??= [];
            if (!cache.TryGetValue((range.Low, range.High), out var e))
            {
                e = PortExpression.FromSet(PortSet.Of(range));
                if (cache.Count < 4096)
                {
                    cache[(range.Low, range.High)] = e;
                }
            }

            return e;
        }

        public static PortExpression Parse(string text)
        {
            var cache = t_parsed ??= new Dictionary<string, PortExpression>(StringComparer.Ordinal);
            if (!cache.TryGetValue(text, out var e))
            {
                e = PortExpression.Parse(text);
                if (cache.Count < 10_000)
                {
                    cache[text] = e;
                }
            }

            return e;
        }
    }
}
