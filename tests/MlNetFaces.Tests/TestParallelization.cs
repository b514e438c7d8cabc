// Test classes run one after another. TorchSharp hands libtorch the native handle of temporary Scalars without keeping
// them alive (see FinalizerFreeRegion); with test classes in parallel, other threads' allocations trigger collections
// in the middle of tensor work, whose finalizers then free Scalars libtorch is still reading. Measured: a same-seed
// triplet training returned NaN embeddings while a notebook and other tests ran beside it.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
