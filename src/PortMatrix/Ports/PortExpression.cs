using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace PortMatrix.Ports;

/// <summary>
/// The catalog's text form of a port set: <c>item (',' item)*</c> where an item is <c>N</c>,
/// <c>N-M</c>, <c>&gt;N</c>, <c>&gt;=N</c>, <c>any</c>, <c>ephemeral</c>, or a range whose ends may be
/// <c>{expr}</c>, integer arithmetic over named product parameters (<c>6000-{6000 + (channels - 1) * 10}</c>).
/// </summary>
public sealed class PortExpression : IEquatable<PortExpression>
{
    /// <summary>IANA's dynamic range, the meaning of <c>ephemeral</c> unless a product says otherwise.</summary>
    public static readonly PortRange IanaEphemeral = new(49152, 65535);

    private readonly ImmutableArray<Item> _items;

    private string? _text;

    /// <summary>A constant expression: no formulas, so nothing to work out about parameters.</summary>
    private PortExpression(ImmutableArray<Item> items, bool constant)
    {
        _items = items;
        IsConstant = constant;
        Parameters = ImmutableArray<string>.Empty;
    }

    private PortExpression(ImmutableArray<Item> items)
    {
        _items = items;
        IsConstant = items.All(i => i is not RangeItem r || (r.Low is ConstBound && r.High is ConstBound));
        Parameters = items.OfType<RangeItem>()
            .SelectMany(r => new[] { r.Low, r.High })
            .OfType<FormulaBound>()
            .SelectMany(f => f.Formula.Names())
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToImmutableArray();
    }

    /// <summary>True when the expression uses no product parameter.</summary>
    public bool IsConstant { get; }

    /// <summary>The product parameters the expression refers to.</summary>
    public ImmutableArray<string> Parameters { get; }

    public static PortExpression FromSet(PortSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        // Hot in large imports: build the items without LINQ, share the immutable bounds and single-port items,
        // and skip the parameter analysis.
        var ranges = set.Ranges;
        if (ranges.Length == 1)
        {
            return new PortExpression(ImmutableArray.Create<Item>(ConstItem(ranges[0])), constant: true);
        }

        var items = ImmutableArray.CreateBuilder<Item>(ranges.Length);
        foreach (var r in ranges)
        {
            items.Add(ConstItem(r));
        }

        return new PortExpression(items.MoveToImmutable(), constant: true);
    }

    /// <summary>Single-port items and constant bounds, made once per port (they are immutable).</summary>
    private static readonly RangeItem?[] SinglePorts = new RangeItem?[PortRange.MaxPort + 1];

    private static RangeItem ConstItem(PortRange r)
    {
        var low = SinglePorts[r.Low] ??= Single(r.Low);
        if (r.IsSingle)
        {
            return low;
        }

        var high = SinglePorts[r.High] ??= Single(r.High);
        return new RangeItem(low.Low, high.Low);

        static RangeItem Single(int port)
        {
            var bound = new ConstBound(port);
            return new RangeItem(bound, bound);
        }
    }

    public static PortExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Parser(text).ParseAll();
    }

    public static bool TryParse(string? text, out PortExpression expression)
    {
        expression = null!;
        if (text is null)
        {
            return false;
        }

        try
        {
            expression = Parse(text);
            return true;
        }
        catch (PortExpressionException)
        {
            return false;
        }
    }

    /// <summary>The port set of a constant expression.</summary>
    /// <exception cref="PortExpressionException">The expression uses parameters.</exception>
    public PortSet ToPortSet() => Evaluate(null);

    /// <summary>Evaluates the expression with the given parameter values.</summary>
    /// <param name="parameters">Values of product parameters, by name.</param>
    /// <param name="ephemeral">What <c>ephemeral</c> means for this product; IANA's range if null.</param>
    public PortSet Evaluate(IReadOnlyDictionary<string, long>? parameters, PortRange? ephemeral = null)
    {
        var text = ToString();
        var ranges = new List<PortRange>(_items.Length);
        foreach (var item in _items)
        {
            switch (item)
            {
                case AnyItem:
                    ranges.Add(PortRange.All);
                    break;
                case EphemeralItem:
                    ranges.Add(ephemeral ?? IanaEphemeral);
                    break;
                case AboveItem a:
                    var from = a.OrEqual ? a.Port : a.Port + 1;
                    if (from <= PortRange.MaxPort)
                    {
                        ranges.Add(new PortRange(from, PortRange.MaxPort));
                    }

                    break;
                case RangeItem r:
                    var low = r.Low.Value(parameters, text);
                    var high = r.High.Value(parameters, text);
                    if (low is < PortRange.MinPort or > PortRange.MaxPort || high is < PortRange.MinPort or > PortRange.MaxPort)
                    {
                        throw new PortExpressionException(
                            $"'{text}' evaluates to {low}-{high}, outside 0-65535.", text, 1, text);
                    }

                    if (low > high)
                    {
                        throw new PortExpressionException(
                            $"'{text}' evaluates to {low}-{high}, which runs backwards.", text, 1, text);
                    }

                    ranges.Add(new PortRange((int)low, (int)high));
                    break;
            }
        }

        return PortSet.From(ranges);
    }

    public override string ToString() => _text ??= _items.IsEmpty ? "none" : ConstantText() ?? string.Join(",", _items.Select(i => i.ToString()));

    /// <summary>The text of an expression of constant ports and ranges, written without intermediate strings; null for any other.</summary>
    private string? ConstantText()
    {
        if (_items.Length > 32)
        {
            return null;
        }

        Span<char> buffer = stackalloc char[_items.Length * 24];
        var length = 0;
        foreach (var item in _items)
        {
            if (item is not RangeItem { Low: ConstBound low, High: ConstBound high })
            {
                return null;
            }

            if (length > 0)
            {
                buffer[length++] = ',';
            }

            low.Port.TryFormat(buffer[length..], out var written, default, CultureInfo.InvariantCulture);
            length += written;
            if (low.Port != high.Port)
            {
                buffer[length++] = '-';
                high.Port.TryFormat(buffer[length..], out written, default, CultureInfo.InvariantCulture);
                length += written;
            }
        }

        return new string(buffer[..length]);
    }

    public bool Equals(PortExpression? other) => other is not null && ToString() == other.ToString();

    public override bool Equals(object? obj) => obj is PortExpression other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    private abstract record Item;

    private sealed record AnyItem : Item
    {
        public override string ToString() => "any";
    }

    private sealed record EphemeralItem : Item
    {
        public override string ToString() => "ephemeral";
    }

    private sealed record AboveItem(int Port, bool OrEqual) : Item
    {
        public override string ToString() => (OrEqual ? ">=" : ">") + Port.ToString(CultureInfo.InvariantCulture);
    }

    private sealed record RangeItem(Bound Low, Bound High) : Item
    {
        public override string ToString() => Low.Equals(High) ? Low.ToString()! : $"{Low}-{High}";
    }

    private abstract record Bound
    {
        public abstract long Value(IReadOnlyDictionary<string, long>? parameters, string text);
    }

    private sealed record ConstBound(int Port) : Bound
    {
        public override long Value(IReadOnlyDictionary<string, long>? parameters, string text) => Port;

        public override string ToString() => Port.ToString(CultureInfo.InvariantCulture);
    }

    private sealed record FormulaBound(Node Formula) : Bound
    {
        public override long Value(IReadOnlyDictionary<string, long>? parameters, string text) => Formula.Eval(parameters, text);

        public override string ToString() => "{" + Formula.Print(0) + "}";
    }

    private abstract record Node
    {
        public abstract long Eval(IReadOnlyDictionary<string, long>? parameters, string text);

        /// <summary>Prints with the fewest parentheses that keep the meaning.</summary>
        public abstract string Print(int parentPrecedence);

        public abstract IEnumerable<string> Names();
    }

    private sealed record NumberNode(long Value) : Node
    {
        public override long Eval(IReadOnlyDictionary<string, long>? parameters, string text) => Value;

        public override string Print(int parentPrecedence) => Value.ToString(CultureInfo.InvariantCulture);

        public override IEnumerable<string> Names() => [];
    }

    private sealed record NameNode(string Name, int Column) : Node
    {
        public override long Eval(IReadOnlyDictionary<string, long>? parameters, string text)
        {
            if (parameters is null || !parameters.TryGetValue(Name, out var v))
            {
                throw new PortExpressionException(
                    $"parameter '{Name}' in '{text}' has no value; set it in the site's parameters or give the product a default.",
                    text, Column, Name);
            }

            return v;
        }

        public override string Print(int parentPrecedence) => Name;

        public override IEnumerable<string> Names() => [Name];
    }

    private sealed record BinaryNode(char Op, Node Left, Node Right, int Column) : Node
    {
        private int Precedence => Op is '+' or '-' ? 1 : 2;

        public override long Eval(IReadOnlyDictionary<string, long>? parameters, string text)
        {
            var l = Left.Eval(parameters, text);
            var r = Right.Eval(parameters, text);
            return Op switch
            {
                '+' => checked(l + r),
                '-' => checked(l - r),
                '*' => checked(l * r),
                '/' => r == 0
                    ? throw new PortExpressionException($"division by zero in '{text}'.", text, Column, "/")
                    : l / r,
                _ => throw new InvalidOperationException($"Unknown operator {Op}."),
            };
        }

        public override string Print(int parentPrecedence)
        {
            // The right operand of - and / needs brackets at equal precedence: a - (b - c).
            var body = $"{Left.Print(Precedence)} {Op} {Right.Print(Precedence + (Op is '-' or '/' ? 1 : 0))}";
            return Precedence < parentPrecedence ? "(" + body + ")" : body;
        }

        public override IEnumerable<string> Names() => Left.Names().Concat(Right.Names());
    }

    private sealed record NegateNode(Node Operand) : Node
    {
        public override long Eval(IReadOnlyDictionary<string, long>? parameters, string text) => checked(-Operand.Eval(parameters, text));

        public override string Print(int parentPrecedence) => "-" + Operand.Print(3);

        public override IEnumerable<string> Names() => Operand.Names();
    }

    private sealed class Parser(string text)
    {
        private int _pos;

        public PortExpression ParseAll()
        {
            SkipSpace();
            if (_pos == text.Length)
            {
                throw Error("the port expression is empty; write a port such as 5060, a range such as 5060-5061, or 'any'.", "");
            }

            if (TryWord("none"))
            {
                SkipSpace();
                ExpectEnd();
                return new PortExpression(ImmutableArray<Item>.Empty);
            }

            var items = ImmutableArray.CreateBuilder<Item>();
            while (true)
            {
                items.Add(ParseItem());
                SkipSpace();
                if (_pos == text.Length)
                {
                    break;
                }

                if (text[_pos] != ',')
                {
                    throw Error($"unexpected '{TokenAt(_pos)}'; separate items with ','.", TokenAt(_pos));
                }

                _pos++;
                SkipSpace();
            }

            return new PortExpression(items.ToImmutable());
        }

        private Item ParseItem()
        {
            SkipSpace();
            if (_pos >= text.Length)
            {
                throw Error("a port is missing after ','.", "");
            }

            if (TryWord("any"))
            {
                return new AnyItem();
            }

            if (TryWord("ephemeral"))
            {
                return new EphemeralItem();
            }

            if (text[_pos] == '>')
            {
                _pos++;
                var orEqual = _pos < text.Length && text[_pos] == '=';
                if (orEqual)
                {
                    _pos++;
                }

                SkipSpace();
                return new AboveItem(ParsePort(), orEqual);
            }

            var itemStart = _pos;
            var low = ParseBound();
            SkipSpace();
            if (_pos < text.Length && text[_pos] == '-')
            {
                _pos++;
                SkipSpace();
                var high = ParseBound();
                if (low is ConstBound l && high is ConstBound h && l.Port > h.Port)
                {
                    throw new PortExpressionException(
                        $"range {l.Port}-{h.Port} runs backwards; write {h.Port}-{l.Port}.", text, itemStart + 1, $"{l.Port}-{h.Port}");
                }

                return new RangeItem(low, high);
            }

            return new RangeItem(low, low);
        }

        private Bound ParseBound()
        {
            if (_pos < text.Length && text[_pos] == '{')
            {
                var start = _pos;
                _pos++;
                var node = ParseSum();
                SkipSpace();
                if (_pos >= text.Length || text[_pos] != '}')
                {
                    throw Error("a formula is not closed with '}'.", TokenAt(_pos));
                }

                _pos++;
                return new FormulaBound(node);
            }

            return new ConstBound(ParsePort());
        }

        private int ParsePort()
        {
            var start = _pos;
            while (_pos < text.Length && char.IsAsciiDigit(text[_pos]))
            {
                _pos++;
            }

            if (start == _pos)
            {
                var token = TokenAt(start);
                throw Error(token.Length == 0
                    ? "a port number is missing at the end."
                    : $"'{token}' is not a port number, range, 'any' or 'ephemeral'.", token);
            }

            var digits = text[start.._pos];
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > PortRange.MaxPort)
            {
                throw new PortExpressionException($"port {digits} is above 65535.", text, start + 1, digits);
            }

            return port;
        }

        private Node ParseSum()
        {
            var left = ParseProduct();
            while (true)
            {
                SkipSpace();
                if (_pos < text.Length && text[_pos] is '+' or '-')
                {
                    var op = text[_pos];
                    var col = ++_pos;
                    left = new BinaryNode(op, left, ParseProduct(), col);
                }
                else
                {
                    return left;
                }
            }
        }

        private Node ParseProduct()
        {
            var left = ParseFactor();
            while (true)
            {
                SkipSpace();
                if (_pos < text.Length && text[_pos] is '*' or '/')
                {
                    var op = text[_pos];
                    var col = ++_pos;
                    left = new BinaryNode(op, left, ParseFactor(), col);
                }
                else
                {
                    return left;
                }
            }
        }

        private Node ParseFactor()
        {
            SkipSpace();
            if (_pos >= text.Length)
            {
                throw Error("the formula ends too early.", "");
            }

            var c = text[_pos];
            if (c == '(')
            {
                _pos++;
                var inner = ParseSum();
                SkipSpace();
                if (_pos >= text.Length || text[_pos] != ')')
                {
                    throw Error("a '(' is not closed with ')'.", TokenAt(_pos));
                }

                _pos++;
                return inner;
            }

            if (c == '-')
            {
                _pos++;
                return new NegateNode(ParseFactor());
            }

            var start = _pos;
            if (char.IsAsciiDigit(c))
            {
                while (_pos < text.Length && char.IsAsciiDigit(text[_pos]))
                {
                    _pos++;
                }

                if (!long.TryParse(text.AsSpan(start, _pos - start), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > int.MaxValue)
                {
                    throw new PortExpressionException($"number {text[start.._pos]} is too large.", text, start + 1, text[start.._pos]);
                }

                return new NumberNode(n);
            }

            if (char.IsAsciiLetter(c) || c == '_')
            {
                while (_pos < text.Length && (char.IsAsciiLetterOrDigit(text[_pos]) || text[_pos] == '_'))
                {
                    _pos++;
                }

                return new NameNode(text[start.._pos], start + 1);
            }

            throw Error($"'{TokenAt(_pos)}' does not belong in a formula; use numbers, parameter names, + - * / and brackets.", TokenAt(_pos));
        }

        private bool TryWord(string word)
        {
            if (string.Compare(text, _pos, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
                && (_pos + word.Length == text.Length || !char.IsAsciiLetterOrDigit(text[_pos + word.Length])))
            {
                _pos += word.Length;
                return true;
            }

            return false;
        }

        private void ExpectEnd()
        {
            if (_pos < text.Length)
            {
                throw Error($"unexpected '{TokenAt(_pos)}'.", TokenAt(_pos));
            }
        }

        private void SkipSpace()
        {
            while (_pos < text.Length && text[_pos] is ' ' or '\t')
            {
                _pos++;
            }
        }

        private string TokenAt(int pos)
        {
            if (pos >= text.Length)
            {
                return "";
            }

            var sb = new StringBuilder();
            if (char.IsAsciiLetterOrDigit(text[pos]))
            {
                for (var i = pos; i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'); i++)
                {
                    sb.Append(text[i]);
                }
            }
            else
            {
                sb.Append(text[pos]);
            }

            return sb.ToString();
        }

        private PortExpressionException Error(string message, string token) =>
            new(message, text, Math.Min(_pos, text.Length) + 1, token);
    }
}
