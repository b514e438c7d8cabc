using MlNetFaces.Cli;

var code = CliApp.Run(args);
PeakMemory.WriteIfAsked();
return code;
