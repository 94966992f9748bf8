"""Page geometry on synthetic pictures: a text page laid on a textured, unevenly lit table, or tilted on a scanner."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from cpam_reader.image.geometry import deskew, estimate_skew, find_page, rotate, turn, unwarp

PAGE_W, PAGE_H = 420, 594  # A4 proportions
FRAME_W, FRAME_H = 600, 800


def text_page(width: int = PAGE_W, height: int = PAGE_H, seed: int = 0) -> np.ndarray:
    """A white page with dark bars laid out like words on lines of text."""
    rng = np.random.default_rng(seed)
    page = np.full((height, width), 235, np.uint8)
    margin = width // 10
    for y in range(margin, height - margin, max(12, height // 40)):
        x = margin + int(rng.integers(0, 20))
        end = width - margin - int(rng.integers(0, width // 3))
        while x < end:
            word = int(rng.integers(10, 50))
            cv2.rectangle(page, (x, y), (min(x + word, end), y + max(4, height // 100)), 30, -1)
            x += word + int(rng.integers(5, 12))
    return page


def tilted(page: np.ndarray, angle: float) -> np.ndarray:
    """``page`` turned ``angle`` degrees counter-clockwise by OpenCV itself (not by the code under test)."""
    h, w = page.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(page, matrix, (w, h), borderMode=cv2.BORDER_CONSTANT, borderValue=235)


def page_quad(lean: float, keystone: float = 0.06, cover: float = 0.65, shift: tuple[float, float] = (0, 0)):
    """Where the page's corners land in the frame (top-left, top-right, bottom-right, bottom-left), as in a photo."""
    height = np.sqrt(cover * FRAME_W * FRAME_H * PAGE_H / PAGE_W)
    width = height * PAGE_W / PAGE_H
    quad = np.array([[-1, -1], [1, -1], [1, 1], [-1, 1]], np.float64) * [width / 2, height / 2]
    quad[0, 0] += keystone * width / 2  # the far (top) edge is shorter
    quad[1, 0] -= keystone * width / 2
    a = np.radians(lean)
    quad = quad @ np.array([[np.cos(a), np.sin(a)], [-np.sin(a), np.cos(a)]])
    quad *= min(1.0, *(0.95 * np.array([FRAME_W, FRAME_H]) / (quad.max(axis=0) - quad.min(axis=0))))  # in frame
    return (quad + np.array([FRAME_W / 2 + shift[0], FRAME_H / 2 + shift[1]])).astype(np.float32)


def photo_of(page: np.ndarray, quad: np.ndarray, seed: int = 0, darkest: float = 0.55, shadow: bool = True):
    """An RGB photo: the page on a brown, grainy table, lit from the left, with a soft hand shadow at the top."""
    rng = np.random.default_rng(seed)
    grain = cv2.resize(rng.normal(0, 1, (FRAME_H, 40)).astype(np.float32), (FRAME_W, FRAME_H))
    shade = 1 + 0.08 * grain + 0.03 * rng.normal(0, 1, (FRAME_H, FRAME_W)).astype(np.float32)
    table = np.clip(shade[..., None] * [150, 105, 70], 0, 255).astype(np.uint8)
    source = np.array([[0, 0], [page.shape[1], 0], [page.shape[1], page.shape[0]], [0, page.shape[0]]], np.float32)
    matrix = cv2.getPerspectiveTransform(source, quad)
    photo = table.copy()
    rgb = cv2.cvtColor(page, cv2.COLOR_GRAY2RGB)
    cv2.warpPerspective(rgb, matrix, (FRAME_W, FRAME_H), dst=photo, borderMode=cv2.BORDER_TRANSPARENT)
    light = np.linspace(1.0, darkest, FRAME_W, dtype=np.float32)[None, :].repeat(FRAME_H, axis=0)
    if shadow:
        hand = np.zeros((FRAME_H, FRAME_W), np.float32)
        cv2.ellipse(hand, (FRAME_W // 3, 0), (FRAME_W // 6, FRAME_H // 4), 0, 0, 360, 1.0, -1)
        light *= 1 - 0.35 * cv2.GaussianBlur(hand, (0, 0), 25)
    photo = np.clip(cv2.GaussianBlur(photo, (0, 0), 0.8) * light[..., None], 0, 255)
    return np.clip(photo + rng.normal(0, 3, photo.shape), 0, 255).astype(np.uint8)


def ordered(points: np.ndarray) -> np.ndarray:
    """Top-left, top-right, bottom-right, bottom-left of a quad leaning less than 45°."""
    x, y = points[:, 0], points[:, 1]
    return points[[np.argmin(x + y), np.argmax(x - y), np.argmax(x + y), np.argmax(y - x)]]


def turned_points(points: np.ndarray, shape: tuple[int, ...], quarter_turns: int) -> np.ndarray:
    """Where points go when the image is turned clockwise by quarter turns (as ``turn`` does)."""
    for _ in range(quarter_turns % 4):
        points = np.stack([shape[0] - 1 - points[:, 1], points[:, 0]], axis=1)
        shape = (shape[1], shape[0])
    return points


# ---- find_page ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lean", "keystone", "cover", "shift", "darkest"),
    [
        (0.0, 0.0, 0.55, (0, 0), 1.0),
        (-8.0, 0.08, 0.65, (-20, 10), 0.55),
        (5.0, 0.04, 0.85, (0, -5), 0.7),
        (8.0, 0.09, 0.6, (40, 30), 0.55),
    ],
)
@pytest.mark.parametrize("quarter_turns", [0, 1, 2, 3])
def test_find_page_finds_the_corners(lean, keystone, cover, shift, darkest, quarter_turns):
    quad = page_quad(lean, keystone, cover, shift)
    photo = photo_of(text_page(), quad, seed=quarter_turns, darkest=darkest)
    expected = ordered(turned_points(quad, photo.shape, quarter_turns))
    found = find_page(turn(photo, quarter_turns))
    assert found is not None
    assert found.shape == (4, 2) and found.dtype == np.float32
    error = np.linalg.norm(found - expected, axis=1).max()
    assert error < 0.01 * np.hypot(FRAME_W, FRAME_H)  # about 0.2 % in practice


def test_find_page_places_the_corners_to_a_pixel_or_two():
    quad = page_quad(-5.0, keystone=0.06, cover=0.7, shift=(15, -10))
    found = find_page(photo_of(text_page(), quad, seed=7))
    assert found is not None
    assert np.linalg.norm(found - ordered(quad), axis=1).max() < 2.5  # on a 600 x 800 photo


def test_find_page_works_on_gray_and_scales_back_to_the_input():
    quad = page_quad(3.0)
    photo = cv2.cvtColor(photo_of(text_page(), quad), cv2.COLOR_RGB2GRAY)
    big = cv2.resize(photo, None, fx=2.5, fy=2.5, interpolation=cv2.INTER_LINEAR)
    found = find_page(big)
    assert found is not None
    assert np.linalg.norm(found - ordered(quad * 2.5), axis=1).max() < 0.02 * 2.5 * np.hypot(FRAME_W, FRAME_H)


@pytest.mark.parametrize("darkest", [1.0, 0.55])
def test_find_page_gives_none_for_a_page_filling_the_frame(darkest):
    page = cv2.resize(text_page(), (FRAME_W, FRAME_H))
    light = np.linspace(1.0, darkest, FRAME_W, dtype=np.float32)[None, :]
    assert find_page((page * light).astype(np.uint8)) is None


def test_find_page_gives_none_for_white_on_white():
    rng = np.random.default_rng(1)
    quad = page_quad(4.0)
    photo = np.full((FRAME_H, FRAME_W), 228, np.uint8)
    cv2.fillConvexPoly(photo, np.round(quad).astype(np.int32), 240)
    photo = np.clip(photo + rng.normal(0, 3, photo.shape), 0, 255).astype(np.uint8)
    assert find_page(photo) is None


def test_find_page_gives_none_for_a_flat_scan():
    assert find_page(tilted(text_page(), 3.0)) is None


@pytest.mark.parametrize(
    "junk",
    [
        np.zeros((1, 1), np.uint8),
        np.full((10, 10, 3), 200, np.uint8),
        np.zeros((300, 400), np.uint8),
        np.random.default_rng(0).integers(0, 256, (300, 400, 4)).astype(np.uint8),
        np.hstack([np.zeros((300, 200), np.uint8), np.full((300, 200), 255, np.uint8)]),
    ],
    ids=["one-pixel", "tiny-rgb", "black", "rgba-noise", "half-white"],
)
def test_junk_gives_no_page_and_no_skew(junk):
    assert find_page(junk) is None
    assert estimate_skew(junk) == 0.0
    assert deskew(junk)[1] == 0.0


# ---- unwarp ------------------------------------------------------------------------------------------------


def test_unwarp_with_the_true_corners_gives_back_the_page():
    page = text_page()
    quad = page_quad(-6.0, keystone=0.08)
    flat = unwarp(cv2.cvtColor(photo_of(page, quad, darkest=1.0, shadow=False), cv2.COLOR_RGB2GRAY), quad)
    difference = np.abs(cv2.resize(flat, (PAGE_W, PAGE_H)).astype(int) - page.astype(int))
    assert np.median(difference) < 8 and difference.mean() < 25


@pytest.mark.parametrize(("lean", "keystone"), [(-7.0, 0.0), (0.0, 0.04), (4.0, 0.02)])
def test_unwarp_of_the_found_page_is_square_on(lean, keystone):
    # Averaging opposite sides makes a keystone of k (far side k shorter) about k/2 narrower.
    quad = page_quad(lean, keystone)
    photo = photo_of(text_page(), quad)
    found = find_page(photo)
    assert found is not None
    flat = unwarp(photo, found)
    assert flat.ndim == 3
    assert abs(flat.shape[0] / flat.shape[1] / (PAGE_H / PAGE_W) - 1) < 0.03
    assert abs(estimate_skew(cv2.cvtColor(flat, cv2.COLOR_RGB2GRAY))) < 0.3


def test_unwarp_keeps_about_the_resolution_of_the_photo():
    quad = np.array([[100, 50], [500, 60], [520, 650], [90, 640]], np.float32)
    flat = unwarp(np.zeros((FRAME_H, FRAME_W, 3), np.uint8), quad)
    assert flat.shape == (round((590 + 590.1) / 2) + 1, round((400.1 + 430.1) / 2) + 1, 3)


# ---- estimate_skew, rotate, deskew -------------------------------------------------------------------------


@pytest.mark.parametrize("angle", [-4.0, -1.5, 0.0, 0.7, 2.5, 4.0])
def test_estimate_skew_recovers_the_tilt(angle):
    page = text_page(1240, 1754, seed=3)
    assert estimate_skew(tilted(page, angle)) == pytest.approx(angle, abs=0.3)


@pytest.mark.parametrize("angle", [-2.0, 3.0])
def test_estimate_skew_ignores_uneven_light(angle):
    page = tilted(text_page(840, 1188, seed=5), angle)
    light = np.linspace(1.0, 0.5, page.shape[1], dtype=np.float32)[None, :]
    assert estimate_skew((page * light).astype(np.uint8)) == pytest.approx(angle, abs=0.3)


def test_estimate_skew_is_zero_without_text_lines():
    rng = np.random.default_rng(0)
    assert estimate_skew(np.full((800, 600), 240, np.uint8)) == 0.0
    assert estimate_skew(rng.integers(0, 256, (800, 600)).astype(np.uint8)) == 0.0


@pytest.mark.parametrize("angle", [-3.5, 2.0])
def test_rotate_turns_counter_clockwise_like_estimate_skew_measures(angle):
    page = text_page(840, 1188, seed=2)
    turned = rotate(page, angle, fill=235)
    assert turned.shape[0] > page.shape[0] and turned.shape[1] > page.shape[1]
    assert estimate_skew(turned) == pytest.approx(angle, abs=0.3)


def test_rotate_by_zero_changes_nothing_and_fills_corners():
    page = text_page()
    assert np.array_equal(rotate(page, 0.0), page)
    rgb = rotate(np.zeros((50, 80, 3), np.uint8), 30, fill=200)
    assert rgb[0, 0].tolist() == [200, 200, 200]


@pytest.mark.parametrize("angle", [-3.0, 3.0])
def test_deskew_straightens_the_page(angle):
    straight, corrected = deskew(tilted(text_page(1240, 1754, seed=4), angle))
    assert corrected == pytest.approx(angle, abs=0.3)
    assert abs(estimate_skew(straight)) < 0.3


def test_deskew_leaves_a_straight_page_alone():
    page = text_page(840, 1188)
    straight, corrected = deskew(page)
    assert straight is page and corrected == 0.0


# ---- turn --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("quarter_turns", [-3, -1, 0, 1, 2, 3, 4, 5])
def test_turn_round_trips_exactly(quarter_turns):
    image = np.random.default_rng(0).integers(0, 256, (5, 7, 3)).astype(np.uint8)
    turned = turn(image, quarter_turns)
    assert turned.flags["C_CONTIGUOUS"]
    assert turned.shape == ((7, 5, 3) if quarter_turns % 2 else (5, 7, 3))
    assert np.array_equal(turn(turned, -quarter_turns), image)


def test_turn_goes_clockwise():
    image = np.arange(6).reshape(2, 3)
    assert turn(image, 1).tolist() == [[3, 0], [4, 1], [5, 2]]
    assert np.array_equal(turn(image, 2), image[::-1, ::-1])
    assert np.array_equal(turn(image, 3), turn(image, -1))
