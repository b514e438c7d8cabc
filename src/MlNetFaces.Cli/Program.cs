MlNetFaces.Torch.TorchRuntime.EnsureLoaded();
Console.WriteLine("ok");
return 0;
