namespace MlNetFaces.Tests.BadInput;

/// <summary>
/// Every bad or hostile input the command line is known to meet, run through the built CLI in a fresh process: exit
/// code 2, exactly one line on stderr naming the problem, no stack trace, nothing on stdout, every input file
/// byte-identical afterwards, no temporary file left behind, and a peak resident memory under 2 GB.
/// </summary>
public sealed class BadInputCliTests : IClassFixture<BadInputCorpus>
{
    private const long MemoryCeiling = 2L << 30;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly BadInputCorpus corpus;

    public BadInputCliTests(BadInputCorpus corpus) => this.corpus = corpus;

    /// <summary>Case name, the expected piece of the stderr line, and the arguments (<c>{d}/</c> is the corpus folder).</summary>
    public static TheoryData<string, string, string> Cases => WithHardLinks(new()
    {
        { "detect a missing file", "file not found", "detect {d}/missing.jpg" },
        { "detect a folder", "is a folder", "detect {d}/folder" },
        { "detect an empty file", "empty (0 bytes)", "detect {d}/empty.jpg" },
        { "detect a text file", "not an image", "detect {d}/text.png" },
        { "detect a truncated PNG", "truncated", "detect {d}/truncated.png --json" },
        { "detect a 65535x65535 header", "over the limit of 100", "detect {d}/huge-header.png" },
        { "detect a 24000x24000 PNG of zeros", "over the limit of 100", "detect {d}/zeros-24000.png" },
        { "detect over a lowered pixel limit", "over the limit", "detect {d}/content.png --max-pixels 1000" },
        { "detect with a pixel limit over the largest", "--max-pixels", "detect {d}/content.png --max-pixels 900000000" },
        { "verify --model an empty zip", "verification model", "verify {d}/content.png {d}/style.png --model {d}/empty.zip" },
        { "verify --model random bytes", "verification model", "verify {d}/content.png {d}/style.png --model {d}/random.zip" },
        { "verify --model a truncated zip", "verification model", "verify {d}/content.png {d}/style.png --model {d}/truncated.zip" },
        { "verify --model a foreign zip", "verification model", "verify {d}/content.png {d}/style.png --model {d}/foreign.zip" },
        { "verify --model a missing file", "not found", "verify {d}/content.png {d}/style.png --model {d}/missing.zip" },
        { "evaluate pairs --pairs a folder", "is a folder", "evaluate pairs --root {d} --pairs {d}/folder" },
        { "evaluate lfw with a TSV", "evaluate pairs", "evaluate lfw --root {d} --pairs {d}/pairs.tsv" },
        { "evaluate lfw with a bad header", "first line", "evaluate lfw --root {d} --pairs {d}/bad-header.txt" },
        { "evaluate lfw with zero pairs per class", "first line", "evaluate lfw --root {d} --pairs {d}/zero-per-class.txt" },
        { "evaluate lfw with one class", "same-person pairs", "evaluate lfw --root {d} --pairs {d}/one-class.txt" },
        { "gallery calibrate with one class", "same-person pairs", "gallery calibrate --db {d}/out/g.db --pairs {d}/one-class.txt" },
        { "gallery enroll --db a folder", "is a folder", "gallery enroll --db {d}/folder Alice {d}/content.png" },
        { "gallery enroll --db under a file", "cannot create", "gallery enroll --db {d}/a-file/g.db Alice {d}/content.png" },
        { "gallery list a 0-byte file", "0 bytes", "gallery list --db {d}/empty.db" },
        { "gallery list a bad dimension", "not a positive whole number", "gallery list --db {d}/bad-dimension.db" },
        { "gallery list a bad threshold", "not a positive number", "gallery list --db {d}/bad-threshold.db" },
        { "models fetch --from not a gzip tar", "not a gzip-compressed tar", "models fetch --from {d}/not-gzip.tgz --models {d}/out/store" },
        { "models fetch --from a folder", "is a folder", "models fetch --from {d}/folder --models {d}/out/store" },
        { "style image --out the content", "refusing to overwrite an input", "style image --content {d}/content.png --style {d}/style.png --out {d}/content.png --steps 1" },
        { "style image --out the style", "refusing to overwrite an input", "style image --content {d}/content.png --style {d}/style.png --out {d}/style.png --steps 1" },
        { "style image --out a link to the content", "refusing to overwrite an input", "style image --content {d}/content.png --style {d}/style.png --out {d}/link-to-content.png --steps 1" },
        { "style image --grid the content", "refusing to overwrite an input", "style image --content {d}/content.png --style {d}/style.png --out {d}/out/s.png --grid {d}/content.png --steps 1" },
        { "style image --size 8000", "would need about", "style image --content {d}/content.png --style {d}/style.png --out {d}/out/s.png --size 8000" },
        { "style image --steps 10000000", "over the limit of 100,000 steps (--steps).", "style image --content {d}/content.png --style {d}/style.png --out {d}/out/s.png --steps 10000000" },
        { "style image a truncated style", "truncated", "style image --content {d}/content.png --style {d}/truncated.png --out {d}/out/s.png --steps 1" },
        { "style grid --out a content", "refusing to overwrite an input", "style grid --content {d}/content.png --style {d}/style.png --out {d}/content.png --steps 1" },
        { "style apply into the inputs' folder", "refusing to overwrite an input", "style apply --model {d}/foreign.zip {d}/folder/content.png --out {d}/folder" },
        { "style apply a foreign zip", "not a fast style model", "style apply --model {d}/foreign.zip {d}/content.png --out {d}/out/applied" },
        { "style audio --out the content", "refusing to overwrite an input", "style audio --content {d}/tone.wav --style {d}/tone.wav --out {d}/tone.wav --steps 1" },
        { "style audio --sample-rate 100000000", "over the limit", "style audio --content {d}/tone.wav --style {d}/tone.wav --out {d}/out/a.wav --sample-rate 100000000" },
        { "style audio --sample-rate 1000000", "over the limit", "style audio --content {d}/tone.wav --style {d}/tone.wav --out {d}/out/a.wav --sample-rate 1000000" },
        { "style audio --sample-rate 4000000000", "4000000000", "style audio --content {d}/tone.wav --style {d}/tone.wav --out {d}/out/a.wav --sample-rate 4000000000" },
        { "style audio --seconds 100000", "over the limit", "style audio --content {d}/tone.wav --style {d}/tone.wav --out {d}/out/a.wav --seconds 100000" },
        { "style audio NaN samples", "NaN or infinite, the first (NaN) at frame 10", "style audio --content {d}/nan.wav --style {d}/tone.wav --out {d}/out/a.wav --steps 1" },
        { "style audio a 4 GHz WAV header", "4000000000 Hz", "style audio --content {d}/rate-4e9.wav --style {d}/tone.wav --out {d}/out/a.wav --steps 1" },
        { "style audio an image as WAV", "not a RIFF/WAVE file", "style audio --content {d}/content.png --style {d}/tone.wav --out {d}/out/a.wav --steps 1" },
        { "style volume --out the content", "refusing to overwrite an input", "style volume --content {d}/volume.nii --style {d}/volume.nii --out {d}/volume.nii --steps 1" },
        { "style volume a 1024-cubed gzip bomb", "voxels, over the limit", "style volume --content {d}/1024-cubed.nii.gz --style {d}/volume.nii --out {d}/out/v.nii.gz --steps 1" },
        { "style volume NaN voxels", "NaN or infinite, the first (NaN) at voxel [5,0,0]", "style volume --content {d}/nan.nii --style {d}/volume.nii --out {d}/out/v.nii --steps 1" },
        { "style volume a folder", "is a folder", "style volume --content {d}/folder --style {d}/volume.nii --out {d}/out/v.nii --steps 1" },
        { "style volume a random file", "not a NIfTI-1 file", "style volume --content {d}/random.zip --style {d}/volume.nii --out {d}/out/v.nii.gz --steps 1" },
        { "an unknown option", "--no-such-option", "detect {d}/content.png --no-such-option" },
    });

    /// <summary>Hard links are told apart by inode on Linux only (elsewhere the corpus has none).</summary>
    private static TheoryData<string, string, string> WithHardLinks(TheoryData<string, string, string> cases)
    {
        if (OperatingSystem.IsLinux())
        {
            cases.Add("style image --out a hard link to the content", "refusing to overwrite an input", "style image --content {d}/content.png --style {d}/style.png --out {d}/hardlink-to-content.png --steps 1");
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void IsOneLineExitTwoAndTouchesNoInput(string name, string expected, string arguments)
    {
        var run = Run(arguments);
        var because = $"{name}: exit {run.Code}, stderr:\n{run.Stderr}";
        Assert.False(run.TimedOut, because);
        Assert.True(run.Code == 2, because);
        var line = Assert.Single(run.StderrLines);
        Assert.StartsWith("mlnetfaces: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter '", line, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
        AssertNothingWritten(name);
        if (CliProcess.MeasuresMemory)
        {
            Assert.True(run.PeakRssBytes < MemoryCeiling, $"{name}: peak RSS {run.PeakRssBytes / 1e6:0} MB");
        }
    }

    /// <summary>A small header followed by 3 GB of zeros: only the bytes the header declares are inflated.</summary>
    [Fact]
    public void AVolumeWithGigabytesOfTrailingZerosSucceedsInBoundedMemory()
    {
        var run = Run("style volume --content {d}/tail-3g.nii.gz --style {d}/volume.nii --out {d}/out/tail.nii --steps 1 --scales 1");
        Assert.True(run.Code == 0, run.Stderr);
        Assert.Empty(run.StderrLines); // nor libtorch's L-BFGS deprecation warning
        AssertNothingWritten("tail-3g");
        if (CliProcess.MeasuresMemory)
        {
            Assert.True(run.PeakRssBytes < MemoryCeiling, $"peak RSS {run.PeakRssBytes / 1e6:0} MB");
        }
    }

    /// <summary>Four 100-megapixel photos: decoded and processed one at a time, so memory does not grow with their number.</summary>
    [Fact]
    [Trait("Category", "Slow")]
    public void DetectOnFourHundredMegapixelImagesStaysUnderTheCeiling()
    {
        var run = Run("detect " + string.Join(' ', BadInputCorpus.LargeImages.Select(f => "{d}/" + f)) + " --json");
        Assert.True(run.Code == 0, run.Stderr);
        Assert.Equal(BadInputCorpus.LargeImages.Length, run.Stdout.Split("\"width\":10000", StringSplitOptions.None).Length - 1);
        AssertNothingWritten("large images");
        if (CliProcess.MeasuresMemory)
        {
            Assert.True(run.PeakRssBytes < MemoryCeiling, $"peak RSS {run.PeakRssBytes / 1e6:0} MB");
        }
    }

    private CliRun Run(string arguments) => CliProcess.Run(
        corpus.Root,
        Timeout,
        arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(a => a.Replace("{d}", corpus.Root, StringComparison.Ordinal)).ToArray());

    private void AssertNothingWritten(string name)
    {
        var now = corpus.HashAll();
        foreach (var (file, hash) in corpus.Hashes)
        {
            Assert.True(now.TryGetValue(file, out var after) && after == hash, $"{name}: {file} was changed or removed");
        }

        var stray = now.Keys.Where(f => f.EndsWith(".tmp", StringComparison.Ordinal)).ToList();
        Assert.True(stray.Count == 0, $"{name}: temporary files left: {string.Join(", ", stray)}");
    }
}
