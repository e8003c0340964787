namespace PortMatrix;

/// <summary>
/// A problem with the user's input: a document, a catalog file, a site file or an argument.
/// It is reported as one line (what, where, how to fix) and exit code 2, never as a stack trace.
/// </summary>
public class PortMatrixException : Exception
{
    public PortMatrixException(string message, string? location = null, string? hint = null, Exception? inner = null)
        : base(message, inner)
    {
        Location = location;
        Hint = hint;
    }

    public PortMatrixException() : this("PortMatrix input error.") { }

    public PortMatrixException(string message) : this(message, null, null, null) { }

    public PortMatrixException(string message, Exception inner) : this(message, null, null, inner) { }

    /// <summary>Where the problem is, as <c>file:line:column</c> or <c>file:line</c>, when known.</summary>
    public string? Location { get; }

    /// <summary>What the user can do about it.</summary>
    public string? Hint { get; }

    /// <summary>The one line shown to a user.</summary>
    public string ToUserLine()
    {
        var where = Location is null ? "" : Location + ": ";
        var hint = Hint is null ? "" : " " + Hint;
        return $"{where}error: {Message}{hint}";
    }
}
