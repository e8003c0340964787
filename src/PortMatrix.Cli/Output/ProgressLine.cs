using System.Globalization;
using PortMatrix.Import;

namespace PortMatrix.Cli.Output;

/// <summary>
/// One line on standard error that shows a long import going on: a spinner, what is read, the stage, how much
/// of it is done, and the time so far. Redrawn a few times a second, erased when disposed. Only for a terminal:
/// <see cref="Start"/> gives null when standard error is redirected (a pipe or a file gets no progress noise).
/// </summary>
internal sealed class ProgressLine : IProgress<ImportProgress>, IDisposable
{
    private static readonly string[] Frames = ["|", "/", "-", "\\"];

    private readonly TextWriter _error;
    private readonly string _what;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly Thread _painter;
    private readonly ManualResetEventSlim _stop = new();
    private readonly Lock _gate = new();
    private string _stage = "starting";
    private double? _fraction;
    private int _frame;
    private bool _drawn;
    private bool _disposed;

    private ProgressLine(TextWriter error, string what, TimeSpan first, TimeSpan every)
    {
        _error = error;
        _what = what;

        // A thread of its own: the import keeps every thread-pool thread busy, and a timer would wait for one.
        _painter = new Thread(() =>
        {
            if (_stop.Wait(first))
            {
                return;
            }

            do
            {
                Draw();
            }
            while (!_stop.Wait(every));
        })
        { IsBackground = true, Name = "progress" };
        _painter.Start();
    }

    /// <summary>
    /// A progress line for reading <paramref name="path"/>, or null. By default it is drawn only when standard error is
    /// a terminal, from half a second on (a quick import shows nothing). <c>PORTMATRIX_PROGRESS=never</c> turns it off;
    /// <c>PORTMATRIX_PROGRESS=always</c> draws it at once, also into a pipe or file.
    /// </summary>
    public static ProgressLine? Start(TextWriter error, string path)
    {
        var mode = Environment.GetEnvironmentVariable("PORTMATRIX_PROGRESS");
        var always = string.Equals(mode, "always", StringComparison.OrdinalIgnoreCase);
        if (string.Equals(mode, "never", StringComparison.OrdinalIgnoreCase) || (Console.IsErrorRedirected && !always) || !File.Exists(path))
        {
            return null;
        }

        var what = string.Create(CultureInfo.InvariantCulture, $"importing {Path.GetFileName(path)} ({new FileInfo(path).Length / 1e6:F1} MB)");
        return new ProgressLine(error, what, always ? TimeSpan.Zero : TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(125));
    }

    public void Report(ImportProgress value)
    {
        lock (_gate)
        {
            if (value.Stage != _stage)
            {
                _stage = value.Stage;
                _fraction = value.Fraction;
            }
            else if (value.Fraction is { } f && (_fraction is null || f > _fraction))
            {
                // Chunks finish on several threads: keep the largest share reported for the stage.
                _fraction = f;
            }
        }
    }

    private void Draw()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var share = _fraction is { } f ? string.Create(CultureInfo.InvariantCulture, $" {f * 100:F0}%") : "";
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{Frames[_frame++ % Frames.Length]} {_what}: {_stage}{share}  {_clock.Elapsed.TotalSeconds:F1} s");
            _error.Write("\r" + line + "\u001b[K");
            _error.Flush();
            _drawn = true;
        }
    }

    public void Dispose()
    {
        _stop.Set();
        _painter.Join();
        _stop.Dispose();
        lock (_gate)
        {
            _disposed = true;
            if (_drawn)
            {
                _error.Write("\r\u001b[K");
                _error.Flush();
            }
        }
    }
}
