namespace MlNetFaces.Evaluation;

/// <summary>
/// One open-set operating point: the distance threshold at which a fraction <see cref="Far"/> (at most) of the
/// impostor probes is accepted, and the detection-and-identification rate there (genuine probes whose nearest
/// identity is right and closer than the threshold).
/// </summary>
public sealed record OpenSetPoint(double Far, double Threshold, double Dir, double MeasuredFar);
