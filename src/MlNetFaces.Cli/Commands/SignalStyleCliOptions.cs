using System.CommandLine;
using MlNetFaces.StyleTransfer;

namespace MlNetFaces.Cli.Commands;

/// <summary>
/// The optimisation options <c>style audio</c> and <c>style volume</c> share (steps, α, β, seed, optimiser, step size),
/// with the defaults of the medium's own library options.
/// </summary>
internal sealed class SignalStyleCliOptions
{
    private readonly Option<int> steps;
    private readonly Option<double> alpha;
    private readonly Option<double> beta;
    private readonly Option<int> seed;
    private readonly Option<string> optimizer;
    private readonly Option<double?> learningRate = StyleCliOptions.LearningRateOption();

    /// <summary>The options, defaulting to <paramref name="defaults"/>; <paramref name="seedDescription"/> says what the seed draws.</summary>
    public SignalStyleCliOptions(StyleOptimizationOptions defaults, string seedDescription)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        steps = new("--steps") { Description = "Optimisation steps.", DefaultValueFactory = _ => defaults.Steps };
        alpha = new("--alpha") { Description = "Content weight α.", DefaultValueFactory = _ => defaults.Alpha };
        beta = new("--beta") { Description = "Style weight β.", DefaultValueFactory = _ => defaults.Beta };
        seed = new("--seed") { Description = seedDescription, DefaultValueFactory = _ => 0 };
        optimizer = StyleCliOptions.OptimizerOption(defaults.Optimizer == StyleOptimizer.Adam ? "adam" : "lbfgs");
    }

    /// <summary>Every option above, to add to a command.</summary>
    public IEnumerable<Option> All => [steps, alpha, beta, seed, optimizer, learningRate];

    /// <summary>The <c>--steps</c> given.</summary>
    public int Steps(ParseResult parse) => parse.GetValue(steps);

    /// <summary><paramref name="defaults"/> with the parsed options and <paramref name="advance"/> called after each step.</summary>
    public T Read<T>(ParseResult parse, T defaults, Action advance)
        where T : StyleOptimizationOptions
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(defaults);
        StyleOptimizationOptions options = defaults with
        {
            Steps = parse.GetValue(steps),
            Alpha = parse.GetValue(alpha),
            Beta = parse.GetValue(beta),
            Seed = parse.GetValue(seed),
            Optimizer = StyleCliOptions.ParseOptimizer(parse.GetValue(optimizer)),
            LearningRate = parse.GetValue(learningRate) ?? defaults.LearningRate,
            Progress = _ => advance(),
        };
        return (T)options;
    }
}
