<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis labelsEnabled="0" styleCategories="Symbology|Labeling|CustomProperties" version="3.22.16-Białowieża">
  <renderer-v2 enableorderby="0" forceraster="0" referencescale="-1" symbollevels="0" type="RuleRenderer">
    <rules key="mdi_root">
      <rule filter="&quot;verschil_mdi&quot; &lt; -5" key="mdi_klasse_1" label="Sterk verbeterd (&lt; −5)" symbol="0"></rule>
      <rule filter="&quot;verschil_mdi&quot; >= -5 AND &quot;verschil_mdi&quot; &lt; -1" key="mdi_klasse_2" label="Verbeterd (−5 tot −1)" symbol="1"></rule>
      <rule filter="&quot;verschil_mdi&quot; >= -1 AND &quot;verschil_mdi&quot; &lt; 1" key="mdi_klasse_3" label="Nauwelijks veranderd (−1 tot 1)" symbol="2"></rule>
      <rule filter="&quot;verschil_mdi&quot; >= 1 AND &quot;verschil_mdi&quot; &lt; 5" key="mdi_klasse_4" label="Verslechterd (1–5)" symbol="3"></rule>
      <rule filter="&quot;verschil_mdi&quot; >= 5" key="mdi_klasse_5" label="Sterk verslechterd (≥ 5)" symbol="4"></rule>
      <rule filter="&quot;verschil_mdi&quot; IS NULL" key="mdi_geen_gegevens" label="Geen gegevens" symbol="5"></rule>
    </rules>
    <symbols>
      <symbol alpha="1" clip_to_extent="1" force_rhr="0" name="0" type="fill">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" type="QString" value=""></Option>
            <Option name="properties"></Option>
            <Option name="type" type="QString" value="collection"></Option>
          </Option>
        </data_defined_properties>
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="border_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
            <Option name="color" type="QString" value="5,113,176,255"></Option>
            <Option name="joinstyle" type="QString" value="bevel"></Option>
            <Option name="offset" type="QString" value="0,0"></Option>
            <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
            <Option name="offset_unit" type="QString" value="MM"></Option>
            <Option name="outline_color" type="QString" value="255,255,255,255"></Option>
            <Option name="outline_style" type="QString" value="solid"></Option>
            <Option name="outline_width" type="QString" value="0.1"></Option>
            <Option name="outline_width_unit" type="QString" value="MM"></Option>
            <Option name="style" type="QString" value="solid"></Option>
          </Option>
          <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
          <prop k="color" v="5,113,176,255"></prop>
          <prop k="joinstyle" v="bevel"></prop>
          <prop k="offset" v="0,0"></prop>
          <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
          <prop k="offset_unit" v="MM"></prop>
          <prop k="outline_color" v="255,255,255,255"></prop>
          <prop k="outline_style" v="solid"></prop>
          <prop k="outline_width" v="0.1"></prop>
          <prop k="outline_width_unit" v="MM"></prop>
          <prop k="style" v="solid"></prop>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""></Option>
              <Option name="properties"></Option>
              <Option name="type" type="QString" value="collection"></Option>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol alpha="1" clip_to_extent="1" force_rhr="0" name="1" type="fill">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" type="QString" value=""></Option>
            <Option name="properties"></Option>
            <Option name="type" type="QString" value="collection"></Option>
          </Option>
        </data_defined_properties>
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="border_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
            <Option name="color" type="QString" value="146,197,222,255"></Option>
            <Option name="joinstyle" type="QString" value="bevel"></Option>
            <Option name="offset" type="QString" value="0,0"></Option>
            <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
            <Option name="offset_unit" type="QString" value="MM"></Option>
            <Option name="outline_color" type="QString" value="255,255,255,255"></Option>
            <Option name="outline_style" type="QString" value="solid"></Option>
            <Option name="outline_width" type="QString" value="0.1"></Option>
            <Option name="outline_width_unit" type="QString" value="MM"></Option>
            <Option name="style" type="QString" value="solid"></Option>
          </Option>
          <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
          <prop k="color" v="146,197,222,255"></prop>
          <prop k="joinstyle" v="bevel"></prop>
          <prop k="offset" v="0,0"></prop>
          <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
          <prop k="offset_unit" v="MM"></prop>
          <prop k="outline_color" v="255,255,255,255"></prop>
          <prop k="outline_style" v="solid"></prop>
          <prop k="outline_width" v="0.1"></prop>
          <prop k="outline_width_unit" v="MM"></prop>
          <prop k="style" v="solid"></prop>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""></Option>
              <Option name="properties"></Option>
              <Option name="type" type="QString" value="collection"></Option>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol alpha="1" clip_to_extent="1" force_rhr="0" name="2" type="fill">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" type="QString" value=""></Option>
            <Option name="properties"></Option>
            <Option name="type" type="QString" value="collection"></Option>
          </Option>
        </data_defined_properties>
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="border_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
            <Option name="color" type="QString" value="247,247,247,255"></Option>
            <Option name="joinstyle" type="QString" value="bevel"></Option>
            <Option name="offset" type="QString" value="0,0"></Option>
            <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
            <Option name="offset_unit" type="QString" value="MM"></Option>
            <Option name="outline_color" type="QString" value="255,255,255,255"></Option>
            <Option name="outline_style" type="QString" value="solid"></Option>
            <Option name="outline_width" type="QString" value="0.1"></Option>
            <Option name="outline_width_unit" type="QString" value="MM"></Option>
            <Option name="style" type="QString" value="solid"></Option>
          </Option>
          <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
          <prop k="color" v="247,247,247,255"></prop>
          <prop k="joinstyle" v="bevel"></prop>
          <prop k="offset" v="0,0"></prop>
          <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
          <prop k="offset_unit" v="MM"></prop>
          <prop k="outline_color" v="255,255,255,255"></prop>
          <prop k="outline_style" v="solid"></prop>
          <prop k="outline_width" v="0.1"></prop>
          <prop k="outline_width_unit" v="MM"></prop>
          <prop k="style" v="solid"></prop>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""></Option>
              <Option name="properties"></Option>
              <Option name="type" type="QString" value="collection"></Option>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol alpha="1" clip_to_extent="1" force_rhr="0" name="3" type="fill">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" type="QString" value=""></Option>
            <Option name="properties"></Option>
            <Option name="type" type="QString" value="collection"></Option>
          </Option>
        </data_defined_properties>
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="border_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
            <Option name="color" type="QString" value="244,165,130,255"></Option>
            <Option name="joinstyle" type="QString" value="bevel"></Option>
            <Option name="offset" type="QString" value="0,0"></Option>
            <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
            <Option name="offset_unit" type="QString" value="MM"></Option>
            <Option name="outline_color" type="QString" value="255,255,255,255"></Option>
            <Option name="outline_style" type="QString" value="solid"></Option>
            <Option name="outline_width" type="QString" value="0.1"></Option>
            <Option name="outline_width_unit" type="QString" value="MM"></Option>
            <Option name="style" type="QString" value="solid"></Option>
          </Option>
          <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
          <prop k="color" v="244,165,130,255"></prop>
          <prop k="joinstyle" v="bevel"></prop>
          <prop k="offset" v="0,0"></prop>
          <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
          <prop k="offset_unit" v="MM"></prop>
          <prop k="outline_color" v="255,255,255,255"></prop>
          <prop k="outline_style" v="solid"></prop>
          <prop k="outline_width" v="0.1"></prop>
          <prop k="outline_width_unit" v="MM"></prop>
          <prop k="style" v="solid"></prop>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""></Option>
              <Option name="properties"></Option>
              <Option name="type" type="QString" value="collection"></Option>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol alpha="1" clip_to_extent="1" force_rhr="0" name="4" type="fill">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" type="QString" value=""></Option>
            <Option name="properties"></Option>
            <Option name="type" type="QString" value="collection"></Option>
          </Option>
        </data_defined_properties>
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="border_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
            <Option name="color" type="QString" value="202,0,32,255"></Option>
            <Option name="joinstyle" type="QString" value="bevel"></Option>
            <Option name="offset" type="QString" value="0,0"></Option>
            <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
            <Option name="offset_unit" type="QString" value="MM"></Option>
            <Option name="outline_color" type="QString" value="255,255,255,255"></Option>
            <Option name="outline_style" type="QString" value="solid"></Option>
            <Option name="outline_width" type="QString" value="0.1"></Option>
            <Option name="outline_width_unit" type="QString" value="MM"></Option>
            <Option name="style" type="QString" value="solid"></Option>
          </Option>
          <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
          <prop k="color" v="202,0,32,255"></prop>
          <prop k="joinstyle" v="bevel"></prop>
          <prop k="offset" v="0,0"></prop>
          <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
          <prop k="offset_unit" v="MM"></prop>
          <prop k="outline_color" v="255,255,255,255"></prop>
          <prop k="outline_style" v="solid"></prop>
          <prop k="outline_width" v="0.1"></prop>
          <prop k="outline_width_unit" v="MM"></prop>
          <prop k="style" v="solid"></prop>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""></Option>
              <Option name="properties"></Option>
              <Option name="type" type="QString" value="collection"></Option>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol alpha="1" clip_to_extent="1" force_rhr="0" name="5" type="fill">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" type="QString" value=""></Option>
            <Option name="properties"></Option>
            <Option name="type" type="QString" value="collection"></Option>
          </Option>
        </data_defined_properties>
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="border_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
            <Option name="color" type="QString" value="240,240,240,255"></Option>
            <Option name="joinstyle" type="QString" value="bevel"></Option>
            <Option name="offset" type="QString" value="0,0"></Option>
            <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
            <Option name="offset_unit" type="QString" value="MM"></Option>
            <Option name="outline_color" type="QString" value="255,255,255,255"></Option>
            <Option name="outline_style" type="QString" value="solid"></Option>
            <Option name="outline_width" type="QString" value="0.1"></Option>
            <Option name="outline_width_unit" type="QString" value="MM"></Option>
            <Option name="style" type="QString" value="solid"></Option>
          </Option>
          <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
          <prop k="color" v="240,240,240,255"></prop>
          <prop k="joinstyle" v="bevel"></prop>
          <prop k="offset" v="0,0"></prop>
          <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
          <prop k="offset_unit" v="MM"></prop>
          <prop k="outline_color" v="255,255,255,255"></prop>
          <prop k="outline_style" v="solid"></prop>
          <prop k="outline_width" v="0.1"></prop>
          <prop k="outline_width_unit" v="MM"></prop>
          <prop k="style" v="solid"></prop>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""></Option>
              <Option name="properties"></Option>
              <Option name="type" type="QString" value="collection"></Option>
            </Option>
          </data_defined_properties>
        </layer>
        <layer class="LinePatternFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="angle" type="QString" value="45"></Option>
            <Option name="color" type="QString" value="0,0,0,255"></Option>
            <Option name="distance" type="QString" value="1.2"></Option>
            <Option name="distance_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
            <Option name="distance_unit" type="QString" value="MM"></Option>
            <Option name="line_width" type="QString" value="0"></Option>
            <Option name="line_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
            <Option name="line_width_unit" type="QString" value="MM"></Option>
            <Option name="offset" type="QString" value="0"></Option>
            <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
            <Option name="offset_unit" type="QString" value="MM"></Option>
            <Option name="outline_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
            <Option name="outline_width_unit" type="QString" value="MM"></Option>
          </Option>
          <prop k="angle" v="45"></prop>
          <prop k="color" v="0,0,0,255"></prop>
          <prop k="distance" v="1.2"></prop>
          <prop k="distance_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
          <prop k="distance_unit" v="MM"></prop>
          <prop k="line_width" v="0"></prop>
          <prop k="line_width_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
          <prop k="line_width_unit" v="MM"></prop>
          <prop k="offset" v="0"></prop>
          <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
          <prop k="offset_unit" v="MM"></prop>
          <prop k="outline_width_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
          <prop k="outline_width_unit" v="MM"></prop>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""></Option>
              <Option name="properties"></Option>
              <Option name="type" type="QString" value="collection"></Option>
            </Option>
          </data_defined_properties>
          <symbol alpha="1" clip_to_extent="1" force_rhr="0" name="@5@1" type="line">
            <data_defined_properties>
              <Option type="Map">
                <Option name="name" type="QString" value=""></Option>
                <Option name="properties"></Option>
                <Option name="type" type="QString" value="collection"></Option>
              </Option>
            </data_defined_properties>
            <layer class="SimpleLine" enabled="1" locked="0" pass="0">
              <Option type="Map">
                <Option name="align_dash_pattern" type="QString" value="0"></Option>
                <Option name="capstyle" type="QString" value="square"></Option>
                <Option name="customdash" type="QString" value="5;2"></Option>
                <Option name="customdash_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
                <Option name="customdash_unit" type="QString" value="MM"></Option>
                <Option name="dash_pattern_offset" type="QString" value="0"></Option>
                <Option name="dash_pattern_offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
                <Option name="dash_pattern_offset_unit" type="QString" value="MM"></Option>
                <Option name="draw_inside_polygon" type="QString" value="0"></Option>
                <Option name="joinstyle" type="QString" value="bevel"></Option>
                <Option name="line_color" type="QString" value="150,150,150,255"></Option>
                <Option name="line_style" type="QString" value="solid"></Option>
                <Option name="line_width" type="QString" value="0.25"></Option>
                <Option name="line_width_unit" type="QString" value="MM"></Option>
                <Option name="offset" type="QString" value="0"></Option>
                <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
                <Option name="offset_unit" type="QString" value="MM"></Option>
                <Option name="ring_filter" type="QString" value="0"></Option>
                <Option name="trim_distance_end" type="QString" value="0"></Option>
                <Option name="trim_distance_end_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
                <Option name="trim_distance_end_unit" type="QString" value="MM"></Option>
                <Option name="trim_distance_start" type="QString" value="0"></Option>
                <Option name="trim_distance_start_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
                <Option name="trim_distance_start_unit" type="QString" value="MM"></Option>
                <Option name="tweak_dash_pattern_on_corners" type="QString" value="0"></Option>
                <Option name="use_custom_dash" type="QString" value="0"></Option>
                <Option name="width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
              </Option>
              <prop k="align_dash_pattern" v="0"></prop>
              <prop k="capstyle" v="square"></prop>
              <prop k="customdash" v="5;2"></prop>
              <prop k="customdash_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
              <prop k="customdash_unit" v="MM"></prop>
              <prop k="dash_pattern_offset" v="0"></prop>
              <prop k="dash_pattern_offset_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
              <prop k="dash_pattern_offset_unit" v="MM"></prop>
              <prop k="draw_inside_polygon" v="0"></prop>
              <prop k="joinstyle" v="bevel"></prop>
              <prop k="line_color" v="150,150,150,255"></prop>
              <prop k="line_style" v="solid"></prop>
              <prop k="line_width" v="0.25"></prop>
              <prop k="line_width_unit" v="MM"></prop>
              <prop k="offset" v="0"></prop>
              <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
              <prop k="offset_unit" v="MM"></prop>
              <prop k="ring_filter" v="0"></prop>
              <prop k="trim_distance_end" v="0"></prop>
              <prop k="trim_distance_end_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
              <prop k="trim_distance_end_unit" v="MM"></prop>
              <prop k="trim_distance_start" v="0"></prop>
              <prop k="trim_distance_start_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
              <prop k="trim_distance_start_unit" v="MM"></prop>
              <prop k="tweak_dash_pattern_on_corners" v="0"></prop>
              <prop k="use_custom_dash" v="0"></prop>
              <prop k="width_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
              <data_defined_properties>
                <Option type="Map">
                  <Option name="name" type="QString" value=""></Option>
                  <Option name="properties"></Option>
                  <Option name="type" type="QString" value="collection"></Option>
                </Option>
              </data_defined_properties>
            </layer>
          </symbol>
        </layer>
      </symbol>
    </symbols>
  </renderer-v2>
  <customproperties>
    <Option type="Map">
      <Option name="mdi/field" type="QString" value="verschil_mdi"></Option>
      <Option name="mdi/scheme" type="QString" value="change"></Option>
      <Option name="mdi/style" type="QString" value="choropleth"></Option>
    </Option>
  </customproperties>
  <blendMode>0</blendMode>
  <featureBlendMode>0</featureBlendMode>
  <layerGeometryType>2</layerGeometryType>
</qgis>
