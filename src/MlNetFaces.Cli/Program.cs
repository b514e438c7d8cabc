using MlNetFaces.Cli;
using MlNetFaces.Torch;

HugePageMalloc.Restart(); // first: it starts this process again where huge pages help

// The command line is a process of its own: it takes the process-wide libtorch settings the library leaves off.
TorchRuntime.Configure(TorchRuntimeOptions.CommandLine);
var code = CliApp.Run(args);
MlNetFaces.Faces.FaceModels.WaitForBackgroundLoads(); // no exit while a net is still loading (native teardown would crash)
PeakMemory.WriteIfAsked();
return code;
