/**
 * Stage 8, compose: puts a chosen source frame's mouth, jaw and lower face onto a target frame
 * of the same person, so that only the lower face changes and the rest of the frame stays
 * byte-for-byte as decoded.
 *
 * <p>Entry points: {@link dev.lipsync.engine.compose.MouthCompositor} (compose one frame) and
 * {@link dev.lipsync.engine.compose.MouthReshape} (fallback: stretch the nearest mouth to an
 * opening no frame shows). The steps, one class each:
 * <ol>
 *   <li>{@code LowerFaceGeometry}: destination points = the target's eyes, nose and upper jaw
 *       plus the source's lips and lower jaw carried into the target's pose by a similarity
 *       fitted on eyes and nose; a ring of rigid points around the lower face and anchors under
 *       the chin (where the source's body lies under its head: {@code face.UnderChinPatch})
 *       close the mesh; {@code Delaunay} triangulates it.</li>
 *   <li>{@code MeshWarp}: piecewise-affine warp of the source over that mesh (maps computed in
 *       Java, one bicubic remap).</li>
 *   <li>{@code LowerFaceMask}: from under the nose to below the lower of the old and new chin,
 *       pulled in from the face's sides; feathered by distance to its edge.</li>
 *   <li>{@code ColourMatch}: the cheek skin's light and colour, matched locally: one gain for the
 *       frame (the ring's light ratio) and a smooth offset field, so a donor lit from another side
 *       is matched on each cheek (the spread is not matched: fitted on skin it darkened lips). The
 *       source is warped in BGR; a BGR frame is blended in BGR, an I420 frame in its own Y, U and V
 *       planes ({@code I420Blend}: only the warped source is converted, and chroma is blended at
 *       its own quarter resolution).</li>
 *   <li>{@code PyramidBlend}: multi-band blend of the difference, each band's weight kept inside
 *       the mask so nothing outside it changes; a band whose weight would still be short of 1 at
 *       the lips (small faces: the lips sit a few pixels under the mask's top edge) takes the
 *       finer band's weights, so no shadow of the old mouth stays.</li>
 * </ol>
 * {@link dev.lipsync.engine.compose.MouthCompositor#readWindow} tells which source pixels a
 * composite reads, so callers keep only that crop of a donor frame.
 * Everything is computed on a window around the lower face; results are deterministic. {@link dev.lipsync.engine.compose.MouthCompositor#alignmentError}
 * scores how far two head poses disagree, for the stage that picks source frames: the warp
 * cannot undo a different head pitch or yaw, it can only hide small ones.
 */
package dev.lipsync.engine.compose;
