using System;
using UnityEngine.UIElements;

namespace Jacquard.App {

// The twelve live effects, on twelve buttons that are on only while held.
//
// The other four panels set something and leave it set. This one sets nothing: what a
// button here does lasts exactly as long as a finger is on it, which is why they are
// held rather than toggled and why there is no state on this panel for a load or a
// cursor to disagree with. It never has to be refreshed.
//
// It stands along the bottom edge, in the middle, and not in either column. The
// columns are where things are read — the cursor's panels on the right saying what the
// score holds, the project's on the left — and reading is done at arm's length from
// what is being said. This is played, so it goes where a hand already is: two thumbs
// on a tablet held in both hands reach the bottom corners and nothing else, and a
// panel across the bottom is the only place on this screen both of them can be.
//
// Six columns of two, and the top of a column is always the smaller of the pair: the
// two sends, the short gate over the long one, down over up, falling over rising, and
// then the four rolls in length order, reading down each column and then across. So
// where a button is says what it does before the word on it does.
//
// The names are what a player calls these and not what the code does. Stab is a gate
// of a tenth of a step with the tail cut back to match, Sustain is both doubled, Rise
// and Fall are a semitone a step in either direction. Reverb and Delay name what
// receives, the same way the Send FX button does: a send is what a channel does, and
// what these two throw everything into is the effect.
//
// The rolls are named by their length, because the length is the only thing that tells
// them apart and a note value is the thing itself rather than a code standing in for
// one — the same reason a note tile shows A4. Roll and not Loop, since a lane already
// loops at its terminator and that is a different thing entirely; a roll is the one
// that is held.

sealed class LivePanel
{
    public VisualElement Root { get; }

    // released is what hands the keyboard back to the plane. It is the panel's caller
    // that knows where focus belongs, and the lift is the only moment it can be given
    // back — a press is settled by the focus controller after this sees it.
    public LivePanel(LiveFx live, Func<long> clock, Action released)
    {
        (_live, _clock, _released) = (live, clock, released);

        Root = Controls.Panel("Live FX");

        // As wide as the two rows it holds and no wider. Every other panel is one
        // column of rows, so PanelWidth is the answer for all of them; this one is
        // five buttons across, and letting it measure itself is what keeps the inset
        // equal on both sides without this having to count what is around them.
        Root.style.width = StyleKeyword.Auto;

        Root.Add(Buttons(LiveEffect.Reverb, LiveEffect.Stab, LiveEffect.OctaveDown,
                         LiveEffect.Fall, LiveEffect.Roll1, LiveEffect.Roll3));

        Root.Add(Buttons(LiveEffect.Delay, LiveEffect.Sustain, LiveEffect.OctaveUp,
                         LiveEffect.Rise, LiveEffect.Roll2, LiveEffect.Roll4));
    }

    // Private members

    readonly LiveFx _live;
    readonly Func<long> _clock;
    readonly Action _released;

    // Wide enough for Roll 3/16, which is the longest label here.
    const float ButtonWidth = 70.0f;

    // Half again a control's box, and taken all in the one direction. These are the
    // only controls on the screen that are hit rather than aimed at — a hand comes
    // off the plane mid-phrase and wants the box to be where it lands — and height is
    // the whole of what is short of that: a box is already wide enough for
    // "Roll 3/16" and only 30 units tall, so it is the vertical miss that a hurried
    // finger makes. Width is what there is none of. Six of these stand across the
    // middle of the bottom edge with a column of panels either side of them, so a
    // wider box would be a panel over both columns on a tablet and off the edge of a
    // phone, and what is under a thumb there is what the thumb was told about rather
    // than what it hit.
    //
    // Half again and not double, which was where this went first and was more box
    // than the buttons wanted. Half again lands on 45 units in the touch profile,
    // which is about what a fingertip is usually held to, and it costs the panel 30
    // units of height where double cost it 60.
    static float ButtonHeight => Controls.RowHeight * 1.5f;

    VisualElement Buttons(params LiveEffect[] effects)
    {
        var row = Controls.Row();

        foreach (var fx in effects)
        {
            var button = Controls.Hold(Name(fx),
                                       () => _live.Press(fx, _clock()),
                                       () => { _live.Release(fx); _released(); },
                                       ButtonWidth);
            button.style.height = ButtonHeight;
            row.Add(button);
        }

        // The last button in a row carries a gap to its right that has nothing on the
        // other side of it, and the panel is fitted to its contents, so it would show
        // up as a right inset a gap wider than the left one.
        row.ElementAt(row.childCount - 1).style.marginRight = 0;

        return row;
    }

    static string Name(LiveEffect fx)
      => fx switch
        { LiveEffect.Reverb => "Reverb",
          LiveEffect.Delay => "Delay",
          LiveEffect.Stab => "Stab",
          LiveEffect.Sustain => "Sustain",
          // A plain hyphen and plus, which is what the steppers already use: the
          // typographic pair would be the only two glyphs on the chrome that are not
          // on a keyboard.
          LiveEffect.OctaveDown => "Oct -",
          LiveEffect.OctaveUp => "Oct +",
          LiveEffect.Fall => "Fall",
          LiveEffect.Rise => "Rise",
          // Reduced, since that is how a note value is written everywhere else and
          // 2/16 is not one. Three sixteenths has no shorter spelling of its own.
          LiveEffect.Roll1 => "Roll 1/16",
          LiveEffect.Roll2 => "Roll 1/8",
          LiveEffect.Roll3 => "Roll 3/16",
          _ => "Roll 1/4" };
}

} // namespace Jacquard.App
