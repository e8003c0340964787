using System.Runtime.ExceptionServices;

namespace PortMatrix.Import;

/// <summary>Runs independent pieces of an import on all cores, rethrowing a piece's own exception unwrapped.</summary>
internal static class ParallelWork
{
    /// <summary>
    /// Calls <paramref name="body"/> for 0..<paramref name="count"/>-1 in parallel. When one piece fails its
    /// exception is thrown as it is (a <see cref="PortMatrixException"/> stays one), not inside an AggregateException.
    /// </summary>
    public static void For(int count, Action<int> body)
    {
        try
        {
            Parallel.For(0, count, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            var first = e.InnerExceptions.FirstOrDefault(x => x is PortMatrixException) ?? e.InnerExceptions[0];
            ExceptionDispatchInfo.Capture(first).Throw();
        }
    }
}
