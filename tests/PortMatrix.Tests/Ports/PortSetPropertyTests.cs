using FsCheck;
using FsCheck.Fluent;
using PortMatrix.Ports;

namespace PortMatrix.Tests.Ports;

/// <summary>Set algebra laws of <see cref="PortSet"/>, checked on random sets.</summary>
public sealed class PortSetPropertyTests
{
    private static readonly Gen<PortRange> RangeGen =
        from low in Gen.Choose(0, 65535)
        from width in Gen.Frequency((5, Gen.Constant(0)), (4, Gen.Choose(0, 50)), (1, Gen.Choose(0, 20000)))
        select new PortRange(low, Math.Min(65535, low + width));

    private static readonly Gen<PortSet> SetGen =
        from ranges in Gen.ListOf(RangeGen).Resize(8)
        select PortSet.From(ranges);

    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(500);

    [Fact]
    public void Normalization_is_idempotent() =>
        Prop.ForAll(SetGen.ToArbitrary(), s => PortSet.From(s.Ranges) == s).Check(Runs);

    [Fact]
    public void Normalized_ranges_are_sorted_and_apart() =>
        Prop.ForAll(SetGen.ToArbitrary(), s =>
            s.Ranges.Zip(s.Ranges.Skip(1)).All(p => p.First.High + 1 < p.Second.Low)).Check(Runs);

    [Fact]
    public void Union_is_commutative() =>
        Prop.ForAll(SetGen.ToArbitrary(), SetGen.ToArbitrary(), (a, b) => a.Union(b) == b.Union(a)).Check(Runs);

    [Fact]
    public void Union_is_associative() =>
        Prop.ForAll(SetGen.ToArbitrary(), SetGen.ToArbitrary(), SetGen.ToArbitrary(),
            (a, b, c) => a.Union(b).Union(c) == a.Union(b.Union(c))).Check(Runs);

    [Fact]
    public void Union_contains_both_operands() =>
        Prop.ForAll(SetGen.ToArbitrary(), SetGen.ToArbitrary(),
            (a, b) => a.Union(b).IsSupersetOf(a) && a.Union(b).IsSupersetOf(b)).Check(Runs);

    [Fact]
    public void Count_of_union_is_at_most_the_sum_of_counts() =>
        Prop.ForAll(SetGen.ToArbitrary(), SetGen.ToArbitrary(),
            (a, b) => a.Union(b).Count <= a.Count + b.Count).Check(Runs);

    [Fact]
    public void Parse_of_ToString_is_identity() =>
        Prop.ForAll(SetGen.ToArbitrary(), s => PortSet.Parse(s.ToString()) == s).Check(Runs);

    [Fact]
    public void Intersect_and_except_partition_a_set() =>
        Prop.ForAll(SetGen.ToArbitrary(), SetGen.ToArbitrary(), (a, b) =>
        {
            var inBoth = a.Intersect(b);
            var onlyA = a.Except(b);
            return inBoth.Union(onlyA) == a && inBoth.Intersect(onlyA).IsEmpty && inBoth.Count + onlyA.Count == a.Count;
        }).Check(Runs);

    [Fact]
    public void Contains_agrees_with_the_ranges() =>
        Prop.ForAll(SetGen.ToArbitrary(), Gen.Choose(0, 65535).ToArbitrary(),
            (s, p) => s.Contains(p) == s.Ranges.Any(r => r.Contains(p))).Check(Runs);
}
