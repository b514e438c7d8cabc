using MlNetFaces.Cli;

return CliApp.Run(args);
