// Video statements: opening the closed <details> ("Abspielen") also starts the video;
// closing it pauses. Without this file the visitor presses play in the player.
document.querySelectorAll("details[data-video-player]").forEach((details) => {
    const video = details.querySelector("video");
    if (!video) return;
    details.addEventListener("toggle", () => {
        if (details.open) {
            video.play().catch(() => {});
            video.focus();
        } else {
            video.pause();
        }
    });
});
