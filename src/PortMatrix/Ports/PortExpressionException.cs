namespace PortMatrix.Ports;

/// <summary>A port expression that could not be parsed or evaluated; names the token and its column.</summary>
public sealed class PortExpressionException : FormatException
{
    public PortExpressionException(string message, string input, int column, string token)
        : base(message)
    {
        Input = input;
        Column = column;
        Token = token;
    }

    public PortExpressionException() : this("Invalid port expression.", "", 1, "") { }

    public PortExpressionException(string message) : this(message, "", 1, "") { }

    public PortExpressionException(string message, Exception inner) : base(message, inner)
    {
        Input = "";
        Token = "";
        Column = 1;
    }

    /// <summary>The whole text that was parsed.</summary>
    public string Input { get; }

    /// <summary>1-based column of the offending token within <see cref="Input"/>.</summary>
    public int Column { get; }

    public string Token { get; }
}
