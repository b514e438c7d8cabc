using System.Diagnostics;
using TorchSharp;
using TorchSharp.Modules;
using MlNetFaces.Torch;
using static TorchSharp.torch;

namespace MlNetFaces.StyleTransfer;

/// <summary>
/// The optimisation loop every Gatys-style transfer shares (images, spectrograms, volumes): minimise a cost over the
/// signal <c>x</c> with L-BFGS (one function evaluation per step) or Adam, recording the losses of every step.
/// </summary>
public static class StyleOptimization
{
    /// <summary>
    /// Runs <see cref="StyleOptimizationOptions.Steps"/> steps on <paramref name="x"/>; <paramref name="evaluate"/> returns
    /// the cost (with its graph, owned by the caller of evaluate) and its terms. Returns the losses of each step and the
    /// optimisation time.
    /// </summary>
    public static (List<StyleLosses> History, TimeSpan Elapsed) Minimize(
        Parameter x,
        Func<(Tensor Loss, StyleLosses Losses)> evaluate,
        StyleOptimizationOptions options,
        Stopwatch clock,
        Action<int>? afterStep = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(evaluate);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        var history = new List<StyleLosses>(options.Steps);
        var optimizationClock = Stopwatch.StartNew();
        // Creating libtorch's L-BFGS prints "Optimizer::parameters() will be removed in PyTorch 1.6" on every run: drop it.
        using (var optimizer = NativeStderr.Silenced(() => Create(x, options)))
        {
            for (var step = 1; step <= options.Steps; step++)
            {
                using var quiet = FinalizerFreeRegion.Enter();
                StyleLosses? stepLosses = null;
                if (optimizer is LBFGS lbfgs)
                {
                    Tensor Closure()
                    {
                        lbfgs.zero_grad();
                        var (loss, losses) = evaluate();
                        loss.backward();
                        stepLosses ??= losses;

                        // libtorch keeps (and TorchSharp never frees) the closure's result: hand it a graph-free copy, or
                        // every step would leak the autograd graph and a few signal-sized tensors with it.
                        using (loss)
                        {
                            return loss.detach().DetachFromDisposeScope();
                        }
                    }

                    using var returned = lbfgs.step(Closure);
                }
                else
                {
                    optimizer.zero_grad();
                    var (loss, losses) = evaluate();
                    using (loss)
                    {
                        loss.backward();
                    }

                    optimizer.step()?.Dispose();
                    stepLosses = losses;
                }

                history.Add(stepLosses ?? history[^1]);
                options.Progress?.Invoke(new StyleProgress(step, options.Steps, history[^1], clock.Elapsed));
                afterStep?.Invoke(step);
            }
        }

        return (history, optimizationClock.Elapsed);
    }

    /// <summary>The losses of <paramref name="evaluate"/> without building a graph (for the final signal).</summary>
    public static StyleLosses Final(Func<(Tensor Loss, StyleLosses Losses)> evaluate)
    {
        ArgumentNullException.ThrowIfNull(evaluate);
        using var noGrad = no_grad();
        var (loss, losses) = evaluate();
        loss.Dispose();
        return losses;
    }

    private static optim.Optimizer Create(Parameter x, StyleOptimizationOptions options) => options.Optimizer switch
    {
        StyleOptimizer.Adam => optim.Adam([x], lr: options.LearningRate ?? StyleOptimizationOptions.DefaultAdamLearningRate),
        _ => optim.LBFGS([x], lr: options.LearningRate ?? 1.0, max_iter: 1, max_eval: 2, tolerange_grad: 0, tolerance_change: 0, history_size: 100),
    };
}
