//! Unity's own MonoBehaviours that a project has no `.cs` for: classes compiled
//! into DLLs (a reference names the DLL's GUID and, as fileID, the first four bytes
//! of MD4("s\0\0\0" + namespace + class name), little-endian), and package scripts
//! whose GUIDs every project shares. Each entry was seen in the corpora (its fields
//! identify it); the DLL fileIDs are computed, not copied.

use md4::{Digest, Md4};

/// DLLs whose classes projects reference: UnityEngine.UI.dll before uGUI became a
/// package (Unity 4.6-2019.1), and the copy TextMesh Pro's samples reference.
const DLLS: &[&str] = &["f70555f144d8491a825f0804e09c671c", "f5f67c52d1564df4a8936ccd202a3bd8"];

/// The classes those DLLs hold that scenes use, by namespace.
const DLL_CLASSES: &[(&str, &[&str])] = &[
    (
        "UnityEngine.UI",
        &[
            "Image", "Text", "Button", "RawImage", "Toggle", "ToggleGroup", "Slider", "Scrollbar", "ScrollRect", "Mask", "RectMask2D", "InputField",
            "Dropdown", "HorizontalLayoutGroup", "VerticalLayoutGroup", "GridLayoutGroup", "ContentSizeFitter", "LayoutElement", "AspectRatioFitter",
            "Outline", "Shadow", "PositionAsUV1", "CanvasScaler", "GraphicRaycaster", "Selectable",
        ],
    ),
    ("UnityEngine.EventSystems", &["EventSystem", "StandaloneInputModule", "TouchInputModule", "PhysicsRaycaster", "Physics2DRaycaster", "EventTrigger"]),
];

/// Package scripts by GUID (fileID 11500000), each identified in the corpora by
/// its serialized fields.
const PACKAGE_SCRIPTS: &[(&str, &str)] = &[
    // com.unity.ugui
    ("fe87c0e1cc204ed48ad3b37840f39efc", "Image"),
    ("5f7201a12d95ffc409449d95f23cf332", "Text"),
    ("4e29b1a8efbd4b44bb3f3716e73f07ff", "Button"),
    ("67db9e8f0e2ae9c40bc1e2b64352a6b4", "Slider"),
    ("59f8146938fff824cb5fd77236b75775", "VerticalLayoutGroup"),
    ("0cd44c1031e13a943bb63640046fad76", "CanvasScaler"),
    ("dc42784cf147c0c48a680349fa168899", "GraphicRaycaster"),
    ("76c392e42b5098c458856cdf6ecaaaa1", "EventSystem"),
    ("4f231c4fb786f3946a6b90b886c48677", "StandaloneInputModule"),
    // com.unity.textmeshpro (TextMesh Pro)
    ("f4688fdb7df04437aeb418b961361dc5", "TextMeshProUGUI"),
    ("9541d86e2fd84c1d9990edf0852d74ab", "TextMeshPro"),
    ("058cba836c1846c3aa1c5fd2e28aea77", "TMP_SubMeshUI"),
    ("2da0c512f12947e489f739169773d7ca", "TMP_InputField"),
    ("7b743370ac3e4ec2a1668f5455a8ef8a", "TMP_Dropdown"),
    ("71c1514a6bd24e1e882cebbe1904ce04", "TMP_FontAsset"),
    ("84a92b25f83d49b9bc132d206b370281", "TMP_SpriteAsset"),
    ("54d21f6ece3b46479f0c328f8c6007e0", "TMP_ColorGradient"),
    // com.unity.render-pipelines.universal / .core / .high-definition
    ("a79441f348de89743a2939f4d699eac1", "UniversalAdditionalCameraData"),
    ("474bcb49853aa07438625e644c072ee6", "UniversalAdditionalLightData"),
    ("172515602e62fb746b5d573b38a5fe58", "Volume"),
    ("d7fd9488000d3734a9e00ee676215985", "VolumeProfile"),
    ("66f335fb1ffd8684294ad653bf1c7564", "ColorAdjustments"),
    ("0b2db86121404754db890f4c8dfe81b2", "Bloom"),
    ("7a68c43fe1f2a47cfa234b5eeaa98012", "HDAdditionalLightData"),
];

/// The fileID Unity gives `namespace.name` inside a DLL.
pub fn dll_file_id(namespace: &str, name: &str) -> i64 {
    let mut h = Md4::new();
    h.update(b"s\0\0\0");
    h.update(namespace.as_bytes());
    h.update(name.as_bytes());
    let d = h.finalize();
    i64::from(i32::from_le_bytes([d[0], d[1], d[2], d[3]]))
}

/// The class name of a script Unity ships, by its reference.
pub fn known_script(guid: &str, file_id: i64) -> Option<String> {
    if DLLS.contains(&guid) {
        static BY_FILE_ID: std::sync::OnceLock<std::collections::HashMap<i64, &'static str>> = std::sync::OnceLock::new();
        let table = BY_FILE_ID.get_or_init(|| DLL_CLASSES.iter().flat_map(|(ns, names)| names.iter().map(move |n| (dll_file_id(ns, n), *n))).collect());
        return table.get(&file_id).map(|n| (*n).to_string());
    }
    PACKAGE_SCRIPTS.iter().find(|(g, _)| *g == guid).map(|(_, n)| (*n).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dll_file_ids_are_unity_s() {
        // As written in the corpus's scenes.
        assert_eq!(dll_file_id("UnityEngine.UI", "Image"), -765806418);
        assert_eq!(dll_file_id("UnityEngine.UI", "Text"), 708705254);
        assert_eq!(dll_file_id("UnityEngine.EventSystems", "EventSystem"), -619905303);
        assert_eq!(known_script("f70555f144d8491a825f0804e09c671c", 1392445389).as_deref(), Some("Button"));
        assert_eq!(known_script("f4688fdb7df04437aeb418b961361dc5", 11500000).as_deref(), Some("TextMeshProUGUI"));
        assert_eq!(known_script("f70555f144d8491a825f0804e09c671c", 1), None);
    }
}
