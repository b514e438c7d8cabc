// The consumer of the package smoke test (run.sh): what a user writes after `dotnet add package MlNetFaces`.
using MlNetFaces;

if (args.Length != 4)
{
    Console.Error.WriteLine("usage: consumer SAME_A SAME_B DIFFERENT_A DIFFERENT_B");
    return 2;
}

using var faces = new FaceRecognizer();
FaceVerification same = faces.Verify(args[0], args[1]);
FaceVerification different = faces.Verify(args[2], args[3]);
Console.WriteLine($"same pair:      distance {same.Distance:0.0000}, threshold {same.Threshold}, same person: {same.IsSamePerson}");
Console.WriteLine($"different pair: distance {different.Distance:0.0000}, threshold {different.Threshold}, same person: {different.IsSamePerson}");
Console.WriteLine($"faces in {Path.GetFileName(args[0])}: {faces.Detect(args[0]).Count}; embedding length {faces.Embed(args[0]).Length}");
return same.IsSamePerson && !different.IsSamePerson ? 0 : 1;
