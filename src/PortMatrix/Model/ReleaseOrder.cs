namespace PortMatrix.Model;

/// <summary>Orders release names as versions: "9.0.3 FP" after "9.0", "10" after "9.1".</summary>
public sealed class ReleaseOrder : IComparer<string>
{
    public static readonly ReleaseOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        var a = Parts(x ?? "");
        var b = Parts(y ?? "");
        for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
        {
            var c = (i < a.Count ? a[i] : -1).CompareTo(i < b.Count ? b[i] : -1);
            if (c != 0)
            {
                return c;
            }
        }

        return string.CompareOrdinal(x, y);
    }

    private static List<int> Parts(string s) =>
        s.Split(['.', ' ', '-'], StringSplitOptions.RemoveEmptyEntries)
            .Select(p => int.TryParse(p, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : -1)
            .TakeWhile(n => n >= 0)
            .ToList();
}
