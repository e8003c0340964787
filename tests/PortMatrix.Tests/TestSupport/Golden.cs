using System.Text;

namespace PortMatrix.Tests.TestSupport;

/// <summary>
/// Golden-file assertions: the expected output sits beside the test; on a mismatch the test writes
/// NAME.actual next to it and fails with a unified diff. Set PORTMATRIX_UPDATE_GOLDEN=1 to rewrite
/// the goldens on purpose, then review the diff before committing.
/// </summary>
internal static class Golden
{
    public static void Match(string relativePath, string actual)
    {
        var path = Path.Combine(Repo.Root, "tests", "PortMatrix.Tests", relativePath);
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("PORTMATRIX_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        var expected = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal) : null;
        if (expected == actual)
        {
            File.Delete(path + ".actual");
            return;
        }

        File.WriteAllText(path + ".actual", actual);
        Assert.Fail(expected is null
            ? $"golden file {relativePath} does not exist; the output is in {path}.actual (run with PORTMATRIX_UPDATE_GOLDEN=1 to create it, then review it)."
            : $"output differs from {relativePath} (actual output in {path}.actual; accept it by copying that file over the golden after review):\n{Diff(expected, actual)}");
    }

    /// <summary>A small unified diff: enough context to read a change, not an LCS-perfect patch.</summary>
    public static string Diff(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var sb = new StringBuilder();
        int i = 0, j = 0, shown = 0;
        while ((i < a.Length || j < b.Length) && shown < 80)
        {
            if (i < a.Length && j < b.Length && a[i] == b[j])
            {
                i++;
                j++;
                continue;
            }

            // Find the nearest resynchronisation point.
            var (di, dj) = Resync(a, b, i, j);
            sb.Append("@@ -").Append(i + 1).Append(" +").Append(j + 1).Append(" @@\n");
            for (var k = Math.Max(0, i - 2); k < i; k++)
            {
                sb.Append("  ").Append(a[k]).Append('\n');
            }

            for (var k = i; k < i + di && k < a.Length; k++, shown++)
            {
                sb.Append("- ").Append(a[k]).Append('\n');
            }

            for (var k = j; k < j + dj && k < b.Length; k++, shown++)
            {
                sb.Append("+ ").Append(b[k]).Append('\n');
            }

            i += di;
            j += dj;
        }

        return sb.ToString();
    }

    private static (int, int) Resync(string[] a, string[] b, int i, int j)
    {
        for (var d = 1; d < 400; d++)
        {
            for (var x = 0; x <= d; x++)
            {
                var y = d - x;
                if (i + x < a.Length && j + y < b.Length && a[i + x] == b[j + y])
                {
                    return (x, y);
                }
            }
        }

        return (a.Length - i, b.Length - j);
    }
}
